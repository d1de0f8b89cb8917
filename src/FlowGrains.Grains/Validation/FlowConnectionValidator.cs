using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Errors;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Connectors;

namespace FlowGrains.Grains.Validation;

/// <summary>
/// The checks of a flow's definition that need the cluster: the connector profiles it names must exist
/// and be of the right type, and tasks must read fields the source declares, when it can declare them.
/// </summary>
internal static class FlowConnectionValidator
{
    public static async Task ValidateAsync(FlowDefinition definition, ConnectorRegistry connectors, ConnectorProfileResolver profiles)
    {
        var sourceProfile = await ProfileAsync(definition.Source, "sourceFlowConfig", profiles);
        for (var i = 0; i < definition.Destinations.Length; i++)
        {
            await ProfileAsync(definition.Destinations[i], $"destinationFlowConfigList[{i}]", profiles);
        }

        var source = connectors.Resolve(definition.Source.ConnectorType, ConnectorRole.Source, "sourceFlowConfig.connectorType");
        var fields = await source.DescribeSourceFieldsAsync(definition.Source.Properties, sourceProfile, CancellationToken.None);
        if (fields is null)
        {
            return;
        }

        if (definition.Source.DatetimeTypeFieldName is { } datetimeField && !fields.Contains(datetimeField))
        {
            throw FlowOperationException.Invalid(
                "sourceFlowConfig.incrementalPullConfig.datetimeTypeFieldName",
                $"'{datetimeField}' is not a field of the source (fields: {string.Join(", ", fields.Order(StringComparer.Ordinal))}).");
        }

        Transforms.FlowTaskValidator.Validate(definition.Tasks, fields);
    }

    private static Task<ConnectorProfileSettings?> ProfileAsync(ConnectorConfig config, string path, ConnectorProfileResolver profiles)
    {
        var field = $"{path}.connectorProfileName";
        if (config.ConnectorProfileName is { } name)
        {
            ConnectorProfileName.ToGrainKey(name, field);
        }

        return profiles.ResolveAsync(config, rule => FlowOperationException.Invalid(field, rule));
    }
}
