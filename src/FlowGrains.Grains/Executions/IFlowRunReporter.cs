namespace FlowGrains.Grains.Executions;

/// <summary>Implemented by the flow grain: receives the outcome of its runs as an ordinary grain call.</summary>
public interface IFlowRunReporter : IGrainWithStringKey
{
    /// <summary>Records how a run ended; a repeated or stale report changes nothing.</summary>
    Task ReportRunEndedAsync(RunOutcome outcome);

    /// <summary>Shows a running run's counts so far on its record; a report for a run that is not running changes nothing.</summary>
    Task ReportRunProgressAsync(RunOutcome progress);
}
