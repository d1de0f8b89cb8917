using FlowGrains.Contracts.Executions;
using FlowGrains.DataPlane.Executions;
using FlowGrains.DataPlane.Telemetry;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// Carries out one run on the thread pool, away from the flow grain's turns, and reports the outcome to
/// the flow grain as a grain call. It touches no grain state: everything it needs is in the spec.
/// </summary>
internal static class BackgroundRun
{
    // A flow resumes a run only when the run's silo is gone, so while this process lives it must keep
    // trying to report: a report given up here would leave the run unfinished for good.
    private static readonly TimeSpan[] ReportRetryDelays =
        [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30)];

    public static void Start(
        FlowRunner runner, LocalRunRegistry registry, IGrainFactory grains, ILogger logger, RunSpec spec, CancellationToken cancellationToken)
    {
        registry.Add(spec.ExecutionId);
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAndReportAsync(runner, registry, grains, logger, spec, cancellationToken);
            }
            finally
            {
                registry.Remove(spec.ExecutionId);
            }
        }, CancellationToken.None);
    }

    private static async Task RunAndReportAsync(
        FlowRunner runner, LocalRunRegistry registry, IGrainFactory grains, ILogger logger, RunSpec spec, CancellationToken cancellationToken)
    {
        var reporter = grains.GetGrain<IFlowRunReporter>(spec.FlowName);
        using var activity = FlowTelemetry.Activities.StartActivity("flowgrains.run");
        activity?.SetTag("flowgrains.flow", spec.FlowName);
        activity?.SetTag("flowgrains.execution_id", spec.ExecutionId);
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, registry.Abandoned);
        var outcome = await runner.RunAsync(spec, stopped.Token, result =>
            reporter.ReportRunProgressAsync(new RunOutcome(spec.Incarnation, spec.ExecutionId, ExecutionStatus.InProgress, result)));
        activity?.SetTag("flowgrains.status", outcome.Status.ToString());
        activity?.SetTag("flowgrains.records", outcome.Result.RecordsProcessed);

        // Stopped by the silo's shutdown: no outcome, so the run stays unfinished and another silo resumes it.
        if (registry.Abandoned.IsCancellationRequested && outcome.Status != ExecutionStatus.Successful)
        {
            GrainsLog.RunLeftToAnotherSilo(logger, spec.FlowName, spec.ExecutionId);
            return;
        }

        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await reporter.ReportRunEndedAsync(outcome);
                return;
            }
            catch (Exception exception)
            {
                GrainsLog.RunOutcomeReportRetried(logger, exception, spec.FlowName, spec.ExecutionId);
                await Task.Delay(ReportRetryDelays[Math.Min(attempt, ReportRetryDelays.Length - 1)], CancellationToken.None);
            }
        }
    }
}
