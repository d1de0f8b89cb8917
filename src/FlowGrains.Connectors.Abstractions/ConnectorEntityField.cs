using System.Collections.Immutable;

namespace FlowGrains.Connectors;

/// <summary>
/// One field of a connector entity (AppFlow's <c>ConnectorEntityField</c>): <see cref="FieldType"/> is the
/// connector's own type name (a PostgreSQL type, <c>String</c> for CSV); <see cref="CustomProperties"/>
/// holds what else the connector knows (such as <c>nullable</c>), empty when nothing.
/// </summary>
public sealed record ConnectorEntityField(
    string Identifier,
    string Label,
    string FieldType,
    bool IsPrimaryKey,
    ImmutableSortedDictionary<string, string> CustomProperties);
