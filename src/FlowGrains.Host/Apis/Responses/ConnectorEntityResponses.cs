using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace FlowGrains.Host.Apis.Responses;

/// <summary>
/// The data of /list-connector-entities: AppFlow's <c>connectorEntityMap</c>, whose one group is the
/// entitiesPath asked for (the empty string for the top level).
/// </summary>
public sealed record ListConnectorEntitiesData(
    ImmutableSortedDictionary<string, ImmutableArray<ConnectorEntityData>> ConnectorEntityMap,
    string? NextToken);

/// <summary>AppFlow's <c>ConnectorEntity</c>.</summary>
public sealed record ConnectorEntityData(string Name, string Label, bool HasNestedEntities);

/// <summary>The data of /describe-connector-entity: AppFlow's <c>connectorEntityFields</c>.</summary>
public sealed record DescribeConnectorEntityData(ImmutableArray<ConnectorEntityFieldData> ConnectorEntityFields);

/// <summary>AppFlow's <c>ConnectorEntityField</c>, with the parts FlowGrains knows.</summary>
public sealed record ConnectorEntityFieldData(
    string Identifier,
    string Label,
    bool IsPrimaryKey,
    SupportedFieldTypeDetailsData SupportedFieldTypeDetails,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ImmutableSortedDictionary<string, string>? CustomProperties);

/// <summary>AppFlow's <c>SupportedFieldTypeDetails</c>.</summary>
public sealed record SupportedFieldTypeDetailsData([property: JsonPropertyName("v1")] FieldTypeDetailsData V1);

/// <summary>AppFlow's <c>FieldTypeDetails</c>: FlowGrains offers no filter operators on entity fields.</summary>
public sealed record FieldTypeDetailsData(string FieldType, ImmutableArray<string> FilterOperators);
