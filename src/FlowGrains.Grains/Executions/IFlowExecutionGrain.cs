using Orleans.Concurrency;

namespace FlowGrains.Grains.Executions;

/// <summary>One run of a flow, keyed "{flowName}/{executionId}". It does the work outside the flow grain's turns.</summary>
public interface IFlowExecutionGrain : IGrainWithStringKey
{
    /// <summary>Runs the flow and reports the outcome to the flow grain; the caller does not wait.</summary>
    [OneWay]
    Task RunAsync(RunSpec spec);

    /// <summary>Asks the run to stop between batches.</summary>
    [AlwaysInterleave]
    Task CancelAsync();
}

/// <summary>Implemented by the flow grain: receives the outcome of its runs.</summary>
public interface IFlowRunReporter : IGrainWithStringKey
{
    /// <summary>Records how a run ended.</summary>
    Task ReportRunEndedAsync(RunOutcome outcome);
}
