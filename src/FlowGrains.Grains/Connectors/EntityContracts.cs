using Contract = FlowGrains.Contracts.Connectors;

namespace FlowGrains.Grains.Connectors;

/// <summary>
/// What a connector says about its entities, as the grain contracts carry it: the connector API is plain .NET,
/// so its records cross grain calls only as their contract twins.
/// </summary>
internal static class EntityContracts
{
    public static Contract.ConnectorEntity ToContract(FlowGrains.Connectors.ConnectorEntity entity) =>
        new(entity.Name, entity.Label, entity.HasNestedEntities);

    public static Contract.ConnectorEntityField ToContract(FlowGrains.Connectors.ConnectorEntityField field) =>
        new(field.Identifier, field.Label, field.FieldType, field.IsPrimaryKey, field.CustomProperties);
}
