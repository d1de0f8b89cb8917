using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>What a flow does: its trigger, where it reads, what it applies and where it writes.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowDefinition")]
public sealed record FlowDefinition(
    [Id(0)] TriggerConfig TriggerConfig,
    [Id(1)] ConnectorConfig Source,
    [Id(2)] ImmutableArray<ConnectorConfig> Destinations,
    [Id(3)] ImmutableArray<FlowTask> Tasks,
    [Id(4)] string? Description = null);
