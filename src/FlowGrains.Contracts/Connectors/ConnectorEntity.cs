namespace FlowGrains.Contracts.Connectors;

/// <summary>
/// One entity a connector offers (AppFlow's <c>ConnectorEntity</c>): a table, a folder, a prefix. When
/// <see cref="HasNestedEntities"/> is set, listing again with <see cref="Name"/> as the entitiesPath gives
/// the entities under it.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorEntity")]
public sealed record ConnectorEntity(
    [Id(0)] string Name,
    [Id(1)] string Label,
    [Id(2)] bool HasNestedEntities);
