using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Transforms;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Connectors;

namespace FlowGrains.Grains.Validation;

/// <summary>
/// The checks of a flow's definition that need the cluster: the connector profiles it names must exist
/// and be of the right type, and tasks must read fields the source declares, when it can declare them.
/// </summary>
internal static class FlowConnectionValidator
{
    public static async Task ValidateAsync(FlowDefinition definition, ConnectorRegistry connectors, ConnectorProfileResolver profiles, IEgressPolicy egress)
    {
        var source = connectors.Resolve(definition.Source.ConnectorType, ConnectorRole.Source, "sourceFlowConfig.connectorType");
        var sourceProfile = await ProfileAsync(definition.Source, ConnectorRole.Source, "sourceFlowConfig", connectors, profiles, egress);
        for (var i = 0; i < definition.Destinations.Length; i++)
        {
            await ProfileAsync(definition.Destinations[i], ConnectorRole.Destination, $"destinationFlowConfigList[{i}]", connectors, profiles, egress);
        }

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

        FlowTaskValidator.Validate(definition.Tasks, fields);
    }

    private static async Task<ConnectorProfileSettings?> ProfileAsync(
        ConnectorConfig config, ConnectorRole role, string path, ConnectorRegistry connectors, ConnectorProfileResolver profiles, IEgressPolicy egress)
    {
        var field = $"{path}.connectorProfileName";
        if (config.ConnectorProfileName is { } name)
        {
            ConnectorProfileName.ToGrainKey(name, field);
        }

        var profile = await profiles.ResolveAsync(config, rule => FlowOperationException.Invalid(field, rule));
        var connector = connectors.Resolve(config.ConnectorType, role, $"{path}.connectorType");
        connector.ValidateProfileUse(role, profile, path);
        if (profile is not null)
        {
            // The profile passed when it was saved, but the allow-list or the name's answer may have changed since.
            await EgressChecks.CheckAsync(
                egress,
                connector.EgressTargets(profile, "connectorProfileConfig"),
                (target, refused) => FlowOperationException.Invalid(field, $"connector profile '{profile.Name}' ({target.Field}): {refused.Message}."));
        }

        return profile;
    }
}
