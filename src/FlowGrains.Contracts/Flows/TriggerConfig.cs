namespace FlowGrains.Contracts.Flows;

/// <summary>How a flow is triggered; <see cref="Scheduled"/> is set only for Scheduled flows.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.TriggerConfig")]
public sealed record TriggerConfig(
    [Id(0)] TriggerType TriggerType,
    [Id(1)] ScheduledTriggerProperties? Scheduled = null);
