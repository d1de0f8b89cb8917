using System.Collections.Immutable;

namespace FlowGrains.Connectors;

/// <summary>One page of entities in the connector's order; <see cref="NextToken"/> is null on the last page.</summary>
public sealed record ConnectorEntityPage(ImmutableArray<ConnectorEntity> Entities, string? NextToken);
