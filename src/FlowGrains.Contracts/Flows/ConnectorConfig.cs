using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>
/// A source or destination: the connector type, an optional connector profile, and the properties
/// of that connector type (AppFlow's <c>sourceConnectorProperties.&lt;Type&gt;</c>) as a flat string map:
/// nested values are keyed by path, <c>a.b</c> for objects and <c>a[0]</c> for arrays.
/// <see cref="DatetimeTypeFieldName"/> is AppFlow's <c>incrementalPullConfig</c> and applies to sources only.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorConfig")]
public sealed record ConnectorConfig(
    [Id(0)] string ConnectorType,
    [Id(1)] ImmutableSortedDictionary<string, string> Properties,
    [Id(2)] string? ConnectorProfileName = null,
    [Id(3)] string? DatetimeTypeFieldName = null);
