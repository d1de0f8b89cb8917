using System.Text.Json;
using FlowGrains.Errors;
using FlowGrains.Host.Apis.Requests;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// A connector profile's settings on the AWS wire: AppFlow's <c>CustomConnector</c> profile, with
/// <c>profileProperties</c> as the FlowGrains type's properties and the <c>basic</c>, <c>apiKey</c> or <c>custom</c>
/// credentials as its credentials (<c>basic</c> gives username and password, <c>apiKey</c> gives apiKey, <c>custom</c>'s
/// credentialsMap gives its own keys). The type's own rules then judge them as on the envelope API.
/// </summary>
internal static class AwsCustomProfileConfig
{
    private const string ConfigPath = "connectorProfileConfig";

    /// <summary>The envelope's config for <paramref name="connectorType"/> from an AWS wire config.</summary>
    public static ConnectorProfileConfigBody ToEnvelope(ConnectorProfileConfigBody? config, string connectorType)
    {
        if (config is null)
        {
            return null!;
        }

        var properties = Custom(config.ConnectorProfileProperties, $"{ConfigPath}.connectorProfileProperties");
        var credentials = Custom(config.ConnectorProfileCredentials, $"{ConfigPath}.connectorProfileCredentials");
        return new ConnectorProfileConfigBody
        {
            ConnectorProfileProperties = AwsStringMaps.Nested(connectorType, properties is null ? [] : Properties(properties, $"{ConfigPath}.connectorProfileProperties.{AwsConnectorTypes.Custom}")),
            ConnectorProfileCredentials = AwsStringMaps.Nested(connectorType, credentials is null ? [] : Credentials(credentials, $"{ConfigPath}.connectorProfileCredentials.{AwsConnectorTypes.Custom}")),
        };
    }

    private static SortedDictionary<string, string> Properties(Dictionary<string, JsonElement> custom, string path)
    {
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (member, value) in custom)
        {
            if (member != "profileProperties")
            {
                throw FlowOperationException.Invalid($"{path}.{member}", "is not supported: FlowGrains profiles take profileProperties only.");
            }

            AwsStringMaps.AddStrings(flat, value, $"{path}.profileProperties");
        }

        return flat;
    }

    private static SortedDictionary<string, string> Credentials(Dictionary<string, JsonElement> custom, string path)
    {
        var type = custom.TryGetValue("authenticationType", out var given) && given.ValueKind == JsonValueKind.String
            ? given.GetString()
            : throw FlowOperationException.Invalid($"{path}.authenticationType", "is required: BASIC, APIKEY or CUSTOM.");
        var expected = type switch
        {
            "BASIC" => "basic",
            "APIKEY" => "apiKey",
            "CUSTOM" => "custom",
            _ => throw FlowOperationException.Invalid($"{path}.authenticationType", $"'{type}' is not supported: use BASIC, APIKEY or CUSTOM."),
        };
        if (custom.Keys.FirstOrDefault(member => member is not "authenticationType" && member != expected) is { } other)
        {
            throw FlowOperationException.Invalid($"{path}.{other}", $"does not go with authenticationType {type}.");
        }

        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!custom.TryGetValue(expected, out var section) || section.ValueKind != JsonValueKind.Object)
        {
            throw FlowOperationException.Invalid($"{path}.{expected}", $"is required for authenticationType {type}.");
        }

        foreach (var member in section.EnumerateObject())
        {
            var at = $"{path}.{expected}.{member.Name}";
            switch (type, member.Name)
            {
                case ("BASIC", "username" or "password"):
                case ("APIKEY", "apiKey" or "apiSecretKey"):
                    flat[member.Name] = AwsStringMaps.Text(member.Value, at);
                    break;
                case ("CUSTOM", "customAuthenticationType"):
                    // AppFlow requires it; FlowGrains' connectors know their credentials by their keys alone.
                    AwsStringMaps.Text(member.Value, at);
                    break;
                case ("CUSTOM", "credentialsMap"):
                    AwsStringMaps.AddStrings(flat, member.Value, at);
                    break;
                default:
                    throw FlowOperationException.Invalid(at, "is not a recognised field.");
            }
        }

        return flat;
    }

    private static Dictionary<string, JsonElement>? Custom(Dictionary<string, Dictionary<string, JsonElement>>? section, string path)
    {
        if (section is null || section.Count == 0)
        {
            return null;
        }

        if (section.Keys.FirstOrDefault(key => key != AwsConnectorTypes.Custom) is { } other)
        {
            throw FlowOperationException.Invalid($"{path}.{other}", $"FlowGrains profiles travel as {AwsConnectorTypes.Custom} on the AWS wire.");
        }

        return section[AwsConnectorTypes.Custom];
    }
}
