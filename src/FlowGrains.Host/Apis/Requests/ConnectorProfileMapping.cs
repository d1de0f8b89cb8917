using System.Collections.Immutable;
using System.Text.Json;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Errors;

namespace FlowGrains.Host.Apis.Requests;

/// <summary>Turns connector profile bodies into contract records; the rules of each field live with the grains.</summary>
internal static class ConnectorProfileMapping
{
    private const string ConfigPath = "connectorProfileConfig";

    public static CreateConnectorProfileRequest ToContract(this CreateConnectorProfileBody body)
    {
        var type = body.ConnectorType ?? throw FlowOperationException.Invalid("connectorType", "is required.");
        return new CreateConnectorProfileRequest(
            type, Required(body.ConnectionMode, "connectionMode"), Config(body.ConnectorProfileConfig, type), RequestMapping.StringMap(body.Tags), body.ClientToken);
    }

    public static UpdateConnectorProfileRequest ToContract(this UpdateConnectorProfileBody body, string connectorType) =>
        new(Required(body.ConnectionMode, "connectionMode"), Config(body.ConnectorProfileConfig, connectorType), body.ClientToken);

    private static ConnectorProfileConfig Config(ConnectorProfileConfigBody? body, string connectorType)
    {
        var config = body ?? throw FlowOperationException.Invalid(ConfigPath, "is required.");
        return new ConnectorProfileConfig(
            Section(config.ConnectorProfileProperties, $"{ConfigPath}.connectorProfileProperties", connectorType),
            Section(config.ConnectorProfileCredentials, $"{ConfigPath}.connectorProfileCredentials", connectorType));
    }

    // AppFlow nests each section under the connector type's name; a missing section is an empty one.
    private static ImmutableSortedDictionary<string, string> Section(
        Dictionary<string, Dictionary<string, JsonElement>>? section, string path, string connectorType)
    {
        if (section is null || section.Count == 0)
        {
            return ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);
        }

        return ConnectorPropertyPaths.FlattenOwn(section, path, connectorType, "must be an object.");
    }

    private static string Required(string? value, string field) =>
        value ?? throw FlowOperationException.Invalid(field, "is required.");
}
