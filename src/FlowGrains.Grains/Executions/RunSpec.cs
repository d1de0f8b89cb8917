using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// Everything a run needs, captured when it starts so later updates of the flow do not change it. (Id 3 held
/// the run's page in the storage the flow ledger replaced.)
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.RunSpec")]
public sealed record RunSpec(
    [Id(0)] string FlowName,
    [Id(1)] string Incarnation,
    [Id(2)] string ExecutionId,
    [Id(4)] FlowDefinition Definition,
    [Id(5)] ImmutableSortedDictionary<string, string> Parameters,
    [Id(6)] string? EventPayload = null,
    [Id(7)] DataPullWindow? DataPull = null);

/// <summary>The range of source data a scheduled run pulls; <see cref="Start"/> is null for a complete pull.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.DataPullWindow")]
public sealed record DataPullWindow([Id(0)] DateTimeOffset? Start, [Id(1)] DateTimeOffset End);

/// <summary>
/// How a run ended. <see cref="ResumeFrom"/> is set when a run of a source with an incremental-pull field
/// failed after some of its output was committed: the next incremental run can start there.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.RunOutcome")]
public sealed record RunOutcome(
    [Id(0)] string Incarnation,
    [Id(1)] string ExecutionId,
    [Id(3)] ExecutionStatus Status,
    [Id(4)] ExecutionResult Result,
    [Id(5)] DateTimeOffset? ResumeFrom = null);
