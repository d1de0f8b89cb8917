using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlowGrains.Host.Apis.Requests;

/// <summary>AppFlow's <c>triggerConfig</c>.</summary>
public sealed class TriggerConfigBody
{
    public string? TriggerType { get; set; }
    public TriggerPropertiesBody? TriggerProperties { get; set; }
}

/// <summary>AppFlow's <c>triggerProperties</c>; only Scheduled flows have any.</summary>
public sealed class TriggerPropertiesBody
{
    // AppFlow spells this key with a capital, like a connector type.
    [JsonPropertyName("Scheduled")]
    public ScheduledBody? Scheduled { get; set; }
}

/// <summary>AppFlow's <c>triggerProperties.Scheduled</c>; times are ISO 8601.</summary>
public sealed class ScheduledBody
{
    public string? ScheduleExpression { get; set; }
    public string? DataPullMode { get; set; }
    public DateTimeOffset? ScheduleStartTime { get; set; }
    public DateTimeOffset? ScheduleEndTime { get; set; }
    public string? Timezone { get; set; }
    public long? ScheduleOffset { get; set; }
    public DateTimeOffset? FirstExecutionFrom { get; set; }
    public int? FlowErrorDeactivationThreshold { get; set; }
    public string? CatchUp { get; set; }
}

/// <summary>AppFlow's <c>sourceFlowConfig</c>.</summary>
public sealed class SourceFlowConfigBody
{
    public string? ConnectorType { get; set; }
    public string? ConnectorProfileName { get; set; }
    public Dictionary<string, Dictionary<string, JsonElement>>? SourceConnectorProperties { get; set; }
    public IncrementalPullConfigBody? IncrementalPullConfig { get; set; }
}

/// <summary>AppFlow's <c>incrementalPullConfig</c>: the source field that says when a record last changed.</summary>
public sealed class IncrementalPullConfigBody
{
    public string? DatetimeTypeFieldName { get; set; }
}

/// <summary>One entry of AppFlow's <c>destinationFlowConfigList</c>.</summary>
public sealed class DestinationFlowConfigBody
{
    public string? ConnectorType { get; set; }
    public string? ConnectorProfileName { get; set; }
    public Dictionary<string, Dictionary<string, JsonElement>>? DestinationConnectorProperties { get; set; }
}

/// <summary>One entry of AppFlow's <c>tasks</c>.</summary>
public sealed class TaskBody
{
    public List<string>? SourceFields { get; set; }
    public string? TaskType { get; set; }
    public Dictionary<string, string>? ConnectorOperator { get; set; }
    public string? DestinationField { get; set; }
    public Dictionary<string, string>? TaskProperties { get; set; }
}
