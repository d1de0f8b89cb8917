using System.Text.Json.Nodes;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Host.Apis.Responses;

/// <summary>Turns contract records into response data in AppFlow's shapes.</summary>
internal static class ResponseMapping
{
    public static StartFlowData ToData(this StartFlowResult result) =>
        new(result.Id, result.CreatedAt, result.FlowName, result.FlowArn, result.FlowStatus, result.ExecutionId);

    public static DescribeFlowData ToData(this FlowDescription flow)
    {
        var definition = flow.Definition;
        var trigger = definition.TriggerConfig;
        return new DescribeFlowData(
            flow.FlowArn,
            flow.FlowName,
            definition.Description,
            flow.FlowStatus,
            flow.FlowStatusMessage,
            new TriggerConfigData(trigger.TriggerType, trigger.Scheduled is null ? null : new TriggerPropertiesData(trigger.Scheduled)),
            new SourceFlowConfigData(
                definition.Source.ConnectorType,
                definition.Source.ConnectorProfileName,
                Properties(definition.Source),
                definition.Source.DatetimeTypeFieldName is { } field ? new IncrementalPullConfigData(field) : null),
            [.. definition.Destinations.Select(d => new DestinationFlowConfigData(d.ConnectorType, d.ConnectorProfileName, Properties(d)))],
            [.. definition.Tasks.Select(t => new TaskData(t.SourceFields, t.TaskType, t.ConnectorOperator, t.DestinationField, t.TaskProperties))],
            flow.Tags,
            flow.CreatedAt,
            flow.LastUpdatedAt,
            flow.LastRunExecutionDetails,
            flow.NextScheduledRunAt,
            definition.RunTimeLimitSeconds);
    }

    private static JsonObject Properties(ConnectorConfig config) =>
        new() { [config.ConnectorType] = ConnectorPropertyPaths.Unflatten(config.Properties) };
}
