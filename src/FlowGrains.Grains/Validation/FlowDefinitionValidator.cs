using FlowGrains.Connectors;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.DataPlane.Transforms;
using FlowGrains.Errors;
using FlowGrains.Grains.Limits;

namespace FlowGrains.Grains.Validation;

/// <summary>The rules of appflow-api.md for a flow's definition and tags.</summary>
internal static class FlowDefinitionValidator
{
    /// <summary>Checks the definition; tasks and destinations over their quota are <c>ServiceQuotaExceeded</c>.</summary>
    public static void Validate(FlowDefinition definition, ConnectorRegistry connectors, QuotasOptions quotas)
    {
        RequireShape(definition);
        QuotaExceeded.ThrowIfOver(definition.Tasks.Length, quotas.MaxTasksPerFlow, "tasks", "tasks per flow", nameof(QuotasOptions.MaxTasksPerFlow));
        QuotaExceeded.ThrowIfOver(
            definition.Destinations.Length, quotas.MaxDestinationsPerFlow, "destinationFlowConfigList", "destinations per flow", nameof(QuotasOptions.MaxDestinationsPerFlow));
        RequestRules.MaxLength(definition.Description, 2048, "description");
        if (definition.RunTimeLimitSeconds is < 1 or > RunTimeLimit.MaxSeconds)
        {
            throw FlowOperationException.Invalid("runTimeLimitSeconds", $"must be 1-{RunTimeLimit.MaxSeconds} (7 days).");
        }

        ValidateTrigger(definition.TriggerConfig);
        ValidateConnector(definition.Source, ConnectorRole.Source, "sourceFlowConfig", connectors);
        if (definition.Source.ConnectorType == EventPayloadConnector.TypeName && definition.TriggerConfig.TriggerType != TriggerType.Event)
        {
            throw FlowOperationException.Invalid("sourceFlowConfig.connectorType", "EventPayload is the source of Event flows only.");
        }

        if (definition.Destinations.Length == 0)
        {
            throw FlowOperationException.Invalid("destinationFlowConfigList", "must hold at least 1 destination.");
        }

        for (var i = 0; i < definition.Destinations.Length; i++)
        {
            ValidateConnector(definition.Destinations[i], ConnectorRole.Destination, $"destinationFlowConfigList[{i}]", connectors);
        }

        FlowTaskValidator.Validate(definition.Tasks);
    }

    // .NET callers build these records themselves, so a missing part is a validation error, not a crash.
    private static void RequireShape(FlowDefinition? definition)
    {
        if (definition is null)
        {
            throw FlowOperationException.Invalid("definition", "is required.");
        }

        if (definition.TriggerConfig is null)
        {
            throw FlowOperationException.Invalid("triggerConfig", "is required.");
        }

        if (definition.Source is null)
        {
            throw FlowOperationException.Invalid("sourceFlowConfig", "is required.");
        }

        if (definition.Destinations.IsDefault || definition.Destinations.Any(d => d is null))
        {
            throw FlowOperationException.Invalid("destinationFlowConfigList", "is required and must not hold null entries.");
        }

        if (definition.Tasks.IsDefault)
        {
            throw FlowOperationException.Invalid("tasks", "is required.");
        }
    }

    private static void ValidateTrigger(TriggerConfig trigger)
    {
        if (!Enum.IsDefined(trigger.TriggerType))
        {
            throw FlowOperationException.Invalid("triggerConfig.triggerType", "must be OnDemand, Scheduled or Event.");
        }

        if (trigger.TriggerType != TriggerType.Scheduled)
        {
            if (trigger.Scheduled is not null)
            {
                throw FlowOperationException.Invalid("triggerConfig.triggerProperties", "only Scheduled flows take trigger properties.");
            }

            return;
        }

        var scheduled = trigger.Scheduled
            ?? throw FlowOperationException.Invalid("triggerConfig.triggerProperties.Scheduled", "is required for a Scheduled flow.");
        ScheduledPropertiesValidator.Validate(scheduled, "triggerConfig.triggerProperties.Scheduled");
    }

    private static void ValidateConnector(ConnectorConfig config, ConnectorRole role, string path, ConnectorRegistry connectors)
    {
        if (string.IsNullOrEmpty(config.ConnectorType))
        {
            throw FlowOperationException.Invalid($"{path}.connectorType", "is required.");
        }

        if (config.Properties is null || config.Properties.Values.Any(value => value is null))
        {
            throw FlowOperationException.Invalid($"{path}.connectorProperties", "are required and must be strings.");
        }

        RequestRules.MaxLength(config.ConnectorProfileName, 256, $"{path}.connectorProfileName");
        var connector = connectors.Resolve(config.ConnectorType, role, $"{path}.connectorType");
        var propertiesPath = role == ConnectorRole.Source ? "sourceConnectorProperties" : "destinationConnectorProperties";
        connector.ValidateProperties(role, config.Properties, $"{path}.{propertiesPath}.{config.ConnectorType}");
    }
}
