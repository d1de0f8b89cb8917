using FlowGrains.Contracts.Executions;

namespace FlowGrains.Contracts.Flows;

/// <summary>One flow in a list-flows page.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowSummary")]
public sealed record FlowSummary(
    [Id(0)] string FlowName,
    [Id(1)] string FlowArn,
    [Id(2)] FlowStatus FlowStatus,
    [Id(3)] TriggerType TriggerType,
    [Id(4)] string SourceConnectorType,
    [Id(5)] string DestinationConnectorType,
    [Id(6)] DateTimeOffset CreatedAt,
    [Id(7)] DateTimeOffset LastUpdatedAt,
    [Id(8)] LastRunExecutionDetails? LastRunExecutionDetails,
    [Id(9)] string? Description);

/// <summary>A page of flows in name order; pass <see cref="NextToken"/> back to get the next page.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowListPage")]
public sealed record FlowListPage(
    [Id(0)] System.Collections.Immutable.ImmutableArray<FlowSummary> Flows,
    [Id(1)] string? NextToken);
