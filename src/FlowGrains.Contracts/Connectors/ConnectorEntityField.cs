using System.Collections.Immutable;

namespace FlowGrains.Contracts.Connectors;

/// <summary>
/// One field of a connector entity (AppFlow's <c>ConnectorEntityField</c>): <see cref="FieldType"/> is the
/// connector's own type name (a PostgreSQL type, <c>String</c> for CSV); <see cref="CustomProperties"/>
/// holds what else the connector knows (such as <c>nullable</c>), empty when nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorEntityField")]
public sealed record ConnectorEntityField(
    [Id(0)] string Identifier,
    [Id(1)] string Label,
    [Id(2)] string FieldType,
    [Id(3)] bool IsPrimaryKey,
    [Id(4)] ImmutableSortedDictionary<string, string> CustomProperties);
