using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>
/// A source or destination: the connector type, an optional connector profile, and the properties
/// of that connector type (AppFlow's <c>sourceConnectorProperties.&lt;Type&gt;</c>) as a flat string map.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorConfig")]
public sealed record ConnectorConfig(
    [Id(0)] string ConnectorType,
    [Id(1)] ImmutableSortedDictionary<string, string> Properties,
    [Id(2)] string? ConnectorProfileName = null);
