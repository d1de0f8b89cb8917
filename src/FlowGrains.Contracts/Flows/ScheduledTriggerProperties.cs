namespace FlowGrains.Contracts.Flows;

/// <summary>
/// The properties of a Scheduled trigger (AppFlow's <c>triggerProperties.Scheduled</c>). <see cref="CatchUp"/> is
/// a FlowGrains extension: after an outage, <c>Latest</c> (the default) runs once for the missed slots,
/// <c>None</c> skips them.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ScheduledTriggerProperties")]
public sealed record ScheduledTriggerProperties(
    [Id(0)] string ScheduleExpression,
    [Id(1)] string? DataPullMode = null,
    [Id(2)] DateTimeOffset? ScheduleStartTime = null,
    [Id(3)] DateTimeOffset? ScheduleEndTime = null,
    [Id(4)] string? Timezone = null,
    [Id(5)] long? ScheduleOffset = null,
    [Id(6)] DateTimeOffset? FirstExecutionFrom = null,
    [Id(7)] int? FlowErrorDeactivationThreshold = null,
    [Id(8)] string? CatchUp = null);
