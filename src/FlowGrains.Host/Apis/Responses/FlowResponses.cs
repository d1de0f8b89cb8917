using System.Collections.Immutable;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Host.Apis.Responses;

/// <summary>The data of /create-flow.</summary>
public sealed record CreateFlowData(string FlowArn, FlowStatus FlowStatus);

/// <summary>The data of /update-flow.</summary>
public sealed record UpdateFlowData(FlowStatus FlowStatus);

/// <summary>The data of /stop-flow.</summary>
public sealed record StopFlowData(string FlowArn, FlowStatus FlowStatus);

/// <summary>The data of /delete-flow: nothing.</summary>
public sealed record DeleteFlowData;

/// <summary>The data of /start-flow (start-flow.md).</summary>
public sealed record StartFlowData(
    string Id,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    string FlowName,
    string FlowArn,
    FlowStatus FlowStatus,
    string? ExecutionId);

/// <summary>The data of /describe-flow.</summary>
public sealed record DescribeFlowData(
    string FlowArn,
    string FlowName,
    string? Description,
    FlowStatus FlowStatus,
    string? FlowStatusMessage,
    TriggerConfigData TriggerConfig,
    SourceFlowConfigData SourceFlowConfig,
    ImmutableArray<DestinationFlowConfigData> DestinationFlowConfigList,
    ImmutableArray<TaskData> Tasks,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    LastRunExecutionDetails? LastRunExecutionDetails,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? NextScheduledRunAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? RunTimeLimitSeconds = null);

/// <summary>AppFlow's <c>triggerConfig</c>, as described.</summary>
public sealed record TriggerConfigData(
    TriggerType TriggerType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TriggerPropertiesData? TriggerProperties);

/// <summary>AppFlow's <c>triggerProperties</c>, as described.</summary>
public sealed record TriggerPropertiesData([property: JsonPropertyName("Scheduled")] ScheduledTriggerProperties Scheduled);

/// <summary>AppFlow's <c>sourceFlowConfig</c>, as described.</summary>
public sealed record SourceFlowConfigData(
    string ConnectorType,
    string? ConnectorProfileName,
    JsonObject SourceConnectorProperties,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IncrementalPullConfigData? IncrementalPullConfig);

/// <summary>AppFlow's <c>incrementalPullConfig</c>, as described.</summary>
public sealed record IncrementalPullConfigData(string DatetimeTypeFieldName);

/// <summary>One destination, as described.</summary>
public sealed record DestinationFlowConfigData(
    string ConnectorType,
    string? ConnectorProfileName,
    JsonObject DestinationConnectorProperties);

/// <summary>One task, as described.</summary>
public sealed record TaskData(
    ImmutableArray<string> SourceFields,
    string TaskType,
    IReadOnlyDictionary<string, string> ConnectorOperator,
    string? DestinationField,
    IReadOnlyDictionary<string, string> TaskProperties);

/// <summary>The data of /list-flows.</summary>
public sealed record ListFlowsData(ImmutableArray<FlowSummary> Flows, string? NextToken);

/// <summary>The data of /describe-flow-execution-records.</summary>
public sealed record ExecutionRecordsData(ImmutableArray<ExecutionRecord> FlowExecutions, string? NextToken);

/// <summary>The data of /cancel-flow-executions.</summary>
public sealed record CancelFlowExecutionsData(ImmutableArray<string> InvalidExecutions);
