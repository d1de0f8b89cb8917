using System.Collections.Immutable;

namespace FlowGrains.Contracts.Flows;

/// <summary>
/// What a flow does: its trigger, where it reads, what it applies and where it writes.
/// <see cref="RunTimeLimitSeconds"/> is a FlowGrains extension: how long one run of this flow may take (1 second
/// to 7 days) before it ends as Error; null takes the silo's <c>FlowGrains:Runs:TimeLimit</c> (default 1 hour).
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowDefinition")]
public sealed record FlowDefinition(
    [Id(0)] TriggerConfig TriggerConfig,
    [Id(1)] ConnectorConfig Source,
    [Id(2)] ImmutableArray<ConnectorConfig> Destinations,
    [Id(3)] ImmutableArray<FlowTask> Tasks,
    [Id(4)] string? Description = null,
    [Id(5)] int? RunTimeLimitSeconds = null);
