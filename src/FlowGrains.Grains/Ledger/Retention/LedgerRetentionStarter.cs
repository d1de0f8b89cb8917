using FlowGrains.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>
/// Makes sure the retention reminder exists once the silo is active. It keeps trying in the background while
/// the reminder service is unreachable (its table briefly down, say), so it neither fails nor delays the silo's start.
/// </summary>
internal sealed class LedgerRetentionStarter(
    IGrainFactory grains,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    ILogger<LedgerRetentionStarter> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    internal static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    internal static readonly TimeSpan LongestRetry = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LedgerRetentionStarter), ServiceLifecycleStage.Active, OnActive, OnStopping);

    public void Dispose() => _stopping.Dispose();

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds or <paramref name="stopping"/> fires, waiting on
    /// <paramref name="time"/> between failures from <see cref="FirstRetry"/>, doubling up to <see cref="LongestRetry"/>.
    /// </summary>
    internal static async Task KeepTryingAsync(Func<Task> attempt, TimeProvider time, ILogger logger, CancellationToken stopping)
    {
        var wait = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await attempt();
                return;
            }
            catch (Exception exception)
            {
                if (stopping.IsCancellationRequested)
                {
                    return;
                }

                GrainsLog.LedgerRetentionStartRetried(logger, exception, wait);
            }

            try
            {
                await Task.Delay(wait, time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = wait * 2 < LongestRetry ? wait * 2 : LongestRetry;
        }
    }

    private Task OnActive(CancellationToken starting)
    {
        // Not awaited: the silo is active whether or not the reminder service answers yet. It never faults.
        _ = KeepTryingAsync(
            () => grains.GetGrain<ILedgerRetentionGrain>(ILedgerRetentionGrain.Key).EnsureStartedAsync(), time, logger, _stopping.Token);
        return Task.CompletedTask;
    }

    // An attempt in flight is left to end on its own: a grain call cannot be withdrawn, and stopping should not wait for its timeout.
    private Task OnStopping(CancellationToken stopping) => _stopping.CancelAsync();
}
