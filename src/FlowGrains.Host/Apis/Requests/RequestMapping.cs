using System.Collections.Immutable;
using System.Text.Json;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;

namespace FlowGrains.Host.Apis.Requests;

/// <summary>
/// Turns request bodies into contract records. Only the JSON shape is checked here (required fields,
/// known enum names, scalar property values); the rules of each field live with the grains.
/// </summary>
internal static class RequestMapping
{
    public static CreateFlowRequest ToContract(this CreateFlowBody body) => new(Definition(body), StringMap(body.Tags), body.ClientToken);

    public static UpdateFlowRequest ToContract(this UpdateFlowBody body) => new(Definition(body), body.ClientToken);

    public static StartFlowRequest ToContract(this StartFlowBody body) => new(body.ClientToken, StringMap(body.Parameters));

    public static ImmutableSortedDictionary<string, string> StringMap(Dictionary<string, string>? map)
    {
        if (map is null)
        {
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        return map.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static FlowDefinition Definition(FlowDefinitionBody body)
    {
        var triggerConfig = Trigger(Required(body.TriggerConfig, "triggerConfig"));
        var sourceConfig = Required(body.SourceFlowConfig, "sourceFlowConfig");
        var destinationList = Required(body.DestinationFlowConfigList, "destinationFlowConfigList");
        var taskList = Required(body.Tasks, "tasks");

        return new FlowDefinition(
            triggerConfig,
            Connector(sourceConfig.ConnectorType, sourceConfig.ConnectorProfileName, sourceConfig.SourceConnectorProperties,
                "sourceFlowConfig", "sourceConnectorProperties") with
            {
                DatetimeTypeFieldName = sourceConfig.IncrementalPullConfig is { } incremental
                    ? Required(incremental.DatetimeTypeFieldName, "sourceFlowConfig.incrementalPullConfig.datetimeTypeFieldName")
                    : null,
            },
            [.. destinationList.Select((destination, i) =>
            {
                var path = $"destinationFlowConfigList[{i}]";
                var config = Required(destination, path);
                return Connector(config.ConnectorType, config.ConnectorProfileName, config.DestinationConnectorProperties,
                    path, "destinationConnectorProperties");
            })],
            [.. taskList.Select((task, i) => Task(Required(task, $"tasks[{i}]"), $"tasks[{i}]"))],
            body.Description,
            body.RunTimeLimitSeconds);
    }

    private static TriggerConfig Trigger(TriggerConfigBody body)
    {
        var typeName = Required(body.TriggerType, "triggerConfig.triggerType");
        // Exact names only: Enum.TryParse would also take numbers and comma-separated combinations.
        if (!Enum.GetNames<TriggerType>().Contains(typeName, StringComparer.Ordinal))
        {
            throw FlowOperationException.Invalid("triggerConfig.triggerType", $"'{typeName}' is not OnDemand, Scheduled or Event.");
        }

        var scheduled = body.TriggerProperties?.Scheduled;
        if (body.TriggerProperties is not null && scheduled is null)
        {
            throw FlowOperationException.Invalid("triggerConfig.triggerProperties.Scheduled", "is required when triggerProperties is given.");
        }

        return new TriggerConfig(Enum.Parse<TriggerType>(typeName), scheduled is null ? null : new ScheduledTriggerProperties(
            scheduled.ScheduleExpression ?? string.Empty,
            scheduled.DataPullMode,
            scheduled.ScheduleStartTime,
            scheduled.ScheduleEndTime,
            scheduled.Timezone,
            scheduled.ScheduleOffset,
            scheduled.FirstExecutionFrom,
            scheduled.FlowErrorDeactivationThreshold,
            scheduled.CatchUp));
    }

    private static ConnectorConfig Connector(
        string? connectorType,
        string? profileName,
        Dictionary<string, Dictionary<string, JsonElement>>? properties,
        string path,
        string propertiesName)
    {
        var type = Required(connectorType, $"{path}.connectorType");
        var propertiesPath = $"{path}.{propertiesName}";
        var flat = ConnectorPropertyPaths.FlattenOwn(Required(properties, propertiesPath), propertiesPath, type, "is required.");
        return new ConnectorConfig(type, flat, profileName);
    }

    private static FlowTask Task(TaskBody body, string path)
    {
        var sourceFields = body.SourceFields ?? [];
        var nullIndex = sourceFields.IndexOf(null!);
        if (nullIndex >= 0)
        {
            throw FlowOperationException.Invalid($"{path}.sourceFields[{nullIndex}]", "must be a string.");
        }

        return new FlowTask(
            Required(body.TaskType, $"{path}.taskType"),
            [.. sourceFields],
            StringMap(body.ConnectorOperator),
            body.DestinationField,
            StringMap(body.TaskProperties));
    }

    private static T Required<T>(T? value, string field) where T : class =>
        value ?? throw FlowOperationException.Invalid(field, "is required.");
}
