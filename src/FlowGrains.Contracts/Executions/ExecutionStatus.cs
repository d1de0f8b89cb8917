namespace FlowGrains.Contracts.Executions;

/// <summary>The status of one run, as AppFlow names it.</summary>
public enum ExecutionStatus
{
    /// <summary>The run is reading, transforming or writing.</summary>
    InProgress,
    /// <summary>The run finished and wrote every destination.</summary>
    Successful,
    /// <summary>The run failed; the record's error info says why.</summary>
    Error,
    /// <summary>Cancellation was requested and the run is stopping.</summary>
    CancelStarted,
    /// <summary>The run stopped because it was cancelled.</summary>
    Canceled,
    /// <summary>FlowGrains extension: a scheduled slot that did not run, because the previous run was still in progress.</summary>
    Skipped,
}
