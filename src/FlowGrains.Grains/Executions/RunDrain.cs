using FlowGrains.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// When the silo stops gracefully, before its grains deactivate: no new run starts here, and the runs under
/// way get up to <see cref="RunsOptions.ShutdownTimeout"/> to end and report. Those still going then are
/// stopped without an outcome, so they stay unfinished in the ledger and the silo that next activates their
/// flow resumes them once this one has left the cluster (<see cref="RunRecovery"/>).
/// </summary>
internal sealed class RunDrain(
    LocalRunRegistry runs,
    IOptions<RunsOptions> options,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    ILogger<RunDrain> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How long abandoned runs get to notice their cancellation and leave the registry.</summary>
    internal static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(5);

    // Stopping runs first, so grain calls, storage and the ledger still serve the runs' reports.
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RunDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    /// <summary>True when every run ended by itself within the timeout.</summary>
    internal async Task<bool> DrainAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.ShutdownTimeout;
        runs.BeginStopping();
        var started = time.GetTimestamp();
        GrainsLog.RunsDraining(logger, runs.Count, timeout);
        if (await EndsWithinAsync(timeout, cancellationToken))
        {
            GrainsLog.RunsDrained(logger, time.GetElapsedTime(started));
            return true;
        }

        var left = runs.Count;
        runs.Abandon();
        await EndsWithinAsync(AbandonGrace, cancellationToken);
        GrainsLog.RunsLeftUnfinished(logger, left, timeout);
        return false;
    }

    private async Task<bool> EndsWithinAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await runs.Drained.WaitAsync(timeout, time, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            return runs.Drained.IsCompleted;
        }
    }
}
