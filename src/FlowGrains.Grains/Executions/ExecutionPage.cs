using FlowGrains.Grains.Tokens;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.Grains.Executions;

/// <summary>One stored page of a flow's run records, oldest first; a page holds at most <see cref="ExecutionHistory.PageSize"/>.</summary>
[GenerateSerializer, Alias("FlowGrains.ExecutionPage")]
public sealed class ExecutionPage
{
    /// <summary>The records of this page, oldest first.</summary>
    [Id(0)]
    public List<ExecutionRecord> Records { get; set; } = [];

    /// <summary>The clientTokens that started runs on this page, in the order they were accepted.</summary>
    [Id(1)]
    public List<TokenExpiry> Tokens { get; set; } = [];

    /// <summary>
    /// What each run of this page that has not ended needs to run again, stored with its record, so a run whose
    /// silo died before or while it ran can be resumed; removed when the run ends.
    /// </summary>
    [Id(2)]
    public Dictionary<string, PendingRun> Pending { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A run that has not ended: its spec, the silo that launched it and reports its outcome, the clientToken
/// outcome its start records (null for an untokened start), and how many times it was resumed after its silo died.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.PendingRun")]
public sealed record PendingRun(
    [property: Id(0)] RunSpec Spec, [property: Id(1)] SiloAddress LaunchedBy, [property: Id(2)] PendingToken? Token = null, [property: Id(3)] int Resumes = 0);

/// <summary>The stored-outcome key of a run's clientToken and the outcome that key must hold.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.PendingToken")]
public sealed record PendingToken([property: Id(0)] string Key, [property: Id(1)] ClientTokenRecord Outcome);
