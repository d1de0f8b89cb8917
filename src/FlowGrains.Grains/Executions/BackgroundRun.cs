using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// Carries out one run on the thread pool, away from the flow grain's turns, and reports the outcome to
/// the flow grain as a grain call. It touches no grain state: everything it needs is in the spec.
/// </summary>
internal static class BackgroundRun
{
    private static readonly TimeSpan[] ReportRetryDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];

    public static void Start(FlowRunner runner, IGrainFactory grains, ILogger logger, RunSpec spec, CancellationToken cancellationToken) =>
        _ = Task.Run(async () =>
        {
            var outcome = await runner.RunAsync(spec, cancellationToken);
            var reporter = grains.GetGrain<IFlowRunReporter>(spec.FlowName);
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    await reporter.ReportRunEndedAsync(outcome);
                    return;
                }
                catch (Exception exception) when (attempt < ReportRetryDelays.Length)
                {
                    GrainsLog.RunOutcomeReportRetried(logger, exception, spec.FlowName, spec.ExecutionId);
                    await Task.Delay(ReportRetryDelays[attempt], CancellationToken.None);
                }
                catch (Exception exception)
                {
                    GrainsLog.RunOutcomeNotRecorded(logger, exception, spec.FlowName, spec.ExecutionId);
                    return;
                }
            }
        }, CancellationToken.None);
}
