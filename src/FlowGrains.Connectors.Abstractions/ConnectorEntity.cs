namespace FlowGrains.Connectors;

/// <summary>
/// One entity a connector offers (AppFlow's <c>ConnectorEntity</c>): a table, a folder, a prefix. When
/// <see cref="HasNestedEntities"/> is set, listing again with <see cref="Name"/> as the entitiesPath gives
/// the entities under it. (The grains carry it as FlowGrains.Contracts.Connectors.ConnectorEntity.)
/// </summary>
public sealed record ConnectorEntity(string Name, string Label, bool HasNestedEntities);
