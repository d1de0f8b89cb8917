using FlowGrains.Connectors;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>
/// Deletes expired tokens and finished runs past retention in bounded batches, each kind until a batch comes
/// back short or the tick's batches are spent. A tick that fails is logged and the next one tries again; a
/// repeated tick (ownership moving between silos) only finds less to delete.
/// </summary>
public sealed class LedgerRetentionGrain(
    IFlowLedgerStore store,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    IOptions<LedgerRetentionOptions> retention,
    IOptions<FlowGrainsOptions> flows,
    ILogger<LedgerRetentionGrain> logger) : Grain, ILedgerRetentionGrain, IRemindable
{
    /// <summary>The name of the reminder that drives the ticks.</summary>
    public const string ReminderName = "ledger-retention";

    private LedgerRetentionOptions Settings => retention.Value;

    /// <inheritdoc />
    public async Task EnsureStartedAsync()
    {
        // Every silo asks at start: registering again would push the next tick out each time one starts.
        if (await this.GetReminder(ReminderName) is null)
        {
            await this.RegisterOrUpdateReminder(ReminderName, Settings.Period, Settings.Period);
        }
    }

    /// <inheritdoc />
    public Task<LedgerPurge> PurgeNowAsync() => PurgeAsync();

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName)
        {
            return;
        }

        try
        {
            if (status.Period != Settings.Period)
            {
                await this.RegisterOrUpdateReminder(ReminderName, Settings.Period, Settings.Period);
            }

            var purge = await PurgeAsync();
            GrainsLog.LedgerPurged(logger, purge.Tokens, purge.Runs, purge.CaughtUp);
        }
        catch (Exception exception)
        {
            // The reminder service would only log it too; what matters is that the next tick runs as usual.
            GrainsLog.LedgerPurgeFailed(logger, exception, Settings.Period);
        }
    }

    private async Task<LedgerPurge> PurgeAsync()
    {
        var now = time.GetUtcNow();
        var (tokens, tokensCaughtUp) = await InBatchesAsync(max => store.PurgeExpiredTokensAsync(now, max));
        var (runs, runsCaughtUp) = await InBatchesAsync(max => store.PurgeRunsAsync(now - flows.Value.ExecutionRecordRetention, max));
        return new LedgerPurge(tokens, runs, tokensCaughtUp && runsCaughtUp);
    }

    private async Task<(int Removed, bool CaughtUp)> InBatchesAsync(Func<int, Task<int>> deleteBatch)
    {
        var settings = Settings;
        var removed = 0;
        for (var batch = 0; batch < settings.MaxBatchesPerTick; batch++)
        {
            if (batch > 0 && settings.BatchPause > TimeSpan.Zero)
            {
                // Real time, not the flow clock: the store needs the pause in real time, and a test's stopped clock must not stall a tick.
                await Task.Delay(settings.BatchPause, TimeProvider.System);
            }

            var deleted = await deleteBatch(settings.BatchSize);
            removed += deleted;
            if (deleted < settings.BatchSize)
            {
                return (removed, true);
            }
        }

        return (removed, false);
    }
}
