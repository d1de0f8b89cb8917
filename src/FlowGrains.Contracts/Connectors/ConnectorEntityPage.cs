using System.Collections.Immutable;

namespace FlowGrains.Contracts.Connectors;

/// <summary>One page of entities in the connector's order; <see cref="NextToken"/> is null on the last page.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorEntityPage")]
public sealed record ConnectorEntityPage(
    [Id(0)] ImmutableArray<ConnectorEntity> Entities,
    [Id(1)] string? NextToken);
