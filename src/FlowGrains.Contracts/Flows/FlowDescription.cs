using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.Contracts.Flows;

/// <summary>
/// Everything known about a flow (describe-flow). <see cref="NextScheduledRunAt"/> is a FlowGrains extension:
/// when an active Scheduled flow runs next.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowDescription")]
public sealed record FlowDescription(
    [Id(0)] string FlowName,
    [Id(1)] string FlowArn,
    [Id(2)] FlowStatus FlowStatus,
    [Id(3)] string? FlowStatusMessage,
    [Id(4)] FlowDefinition Definition,
    [Id(5)] ImmutableSortedDictionary<string, string> Tags,
    [Id(6)] DateTimeOffset CreatedAt,
    [Id(7)] DateTimeOffset LastUpdatedAt,
    [Id(8)] LastRunExecutionDetails? LastRunExecutionDetails,
    [Id(9)] DateTimeOffset? NextScheduledRunAt = null);
