using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Executions;

namespace FlowGrains.Grains.Ledger;

/// <summary>
/// A run as the ledger stores it: its record, and while it is unfinished what recovery needs to run it
/// again (its spec, the silo that launched it, how often it was resumed). <see cref="Sequence"/> orders a
/// life's runs; the store assigns it when the run is first written.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.LedgerRun")]
public sealed record LedgerRun(
    [property: Id(0)] ExecutionRecord Record,
    [property: Id(1)] RunSpec? Spec,
    [property: Id(2)] string? LaunchedBy,
    [property: Id(3)] int Resumes = 0,
    [property: Id(4)] long Sequence = 0)
{
    /// <summary>The run's execution id.</summary>
    public string ExecutionId => Record.ExecutionId;

    /// <summary>Whether the run is in progress or being cancelled.</summary>
    public bool IsUnfinished => IsUnfinishedStatus(Record.ExecutionStatus);

    /// <summary>Whether <paramref name="status"/> is one a run has before it ends.</summary>
    public static bool IsUnfinishedStatus(ExecutionStatus status) =>
        status is ExecutionStatus.InProgress or ExecutionStatus.CancelStarted;
}
