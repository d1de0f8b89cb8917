namespace FlowGrains.Grains.Executions;

/// <summary>Implemented by the flow grain: receives the outcome of its runs as an ordinary grain call.</summary>
public interface IFlowRunReporter : IGrainWithStringKey
{
    /// <summary>Records how a run ended; a repeated or stale report changes nothing.</summary>
    Task ReportRunEndedAsync(RunOutcome outcome);
}
