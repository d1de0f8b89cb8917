using System.Text.Json;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Errors;
using FlowGrains.Host.Apis.Requests;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// Turns a flow definition written for the AWS wire into the envelope's: a source or destination of type
/// <c>CustomConnector</c> becomes the FlowGrains type its connector profile (or <c>customProperties.connectorLabel</c>)
/// names, with <c>entityName</c>, <c>customProperties</c>, <c>writeOperationType</c> and <c>idFieldNames</c> as that
/// type's properties; task operators keyed <c>CustomConnector</c> follow the source. Every rule of the properties
/// themselves stays with the connector.
/// </summary>
internal sealed class AwsCustomConnectorIn(AwsConnectorTypes types, IGrainFactory grains)
{
    public async Task MapAsync(FlowDefinitionBody body)
    {
        if (body.SourceFlowConfig is { ConnectorType: AwsConnectorTypes.Custom } source)
        {
            var label = await LabelAsync(source.ConnectorProfileName, source.SourceConnectorProperties, "sourceFlowConfig", "sourceConnectorProperties");
            source.SourceConnectorProperties = await PropertiesAsync(label, source.SourceConnectorProperties!, "sourceFlowConfig.sourceConnectorProperties", destination: false);
            source.ConnectorType = label;
            foreach (var task in body.Tasks ?? [])
            {
                if (task?.ConnectorOperator is { } operators && operators.Remove(AwsConnectorTypes.Custom, out var name))
                {
                    operators[label] = name;
                }
            }
        }

        var destinations = body.DestinationFlowConfigList ?? [];
        for (var i = 0; i < destinations.Count; i++)
        {
            if (destinations[i] is { ConnectorType: AwsConnectorTypes.Custom } destination)
            {
                var path = $"destinationFlowConfigList[{i}]";
                var label = await LabelAsync(destination.ConnectorProfileName, destination.DestinationConnectorProperties, path, "destinationConnectorProperties");
                destination.DestinationConnectorProperties = await PropertiesAsync(label, destination.DestinationConnectorProperties!, $"{path}.destinationConnectorProperties", destination: true);
                destination.ConnectorType = label;
            }
        }
    }

    // The profile's type when the flow names one; else customProperties.connectorLabel.
    private async Task<string> LabelAsync(string? profileName, Dictionary<string, Dictionary<string, JsonElement>>? properties, string path, string propertiesName)
    {
        var custom = Custom(properties, $"{path}.{propertiesName}");
        var given = custom.TryGetValue("customProperties", out var customProperties) && customProperties.ValueKind == JsonValueKind.Object
            && customProperties.TryGetProperty(AwsConnectorTypes.LabelProperty, out var label) && label.ValueKind == JsonValueKind.String
            ? label.GetString()
            : null;
        if (profileName is null)
        {
            return given ?? throw FlowOperationException.Invalid(
                $"{path}.{propertiesName}.{AwsConnectorTypes.Custom}.customProperties.{AwsConnectorTypes.LabelProperty}",
                "is required when no connectorProfileName is given: it names the FlowGrains connector type (e.g. LocalFolder, Postgres, Http).");
        }

        var profile = await grains.GetGrain<IConnectorProfileGrain>(ConnectorProfileName.ToGrainKey(profileName, $"{path}.connectorProfileName"))
            .DescribeConnectorProfileAsync()
            ?? throw FlowOperationException.Invalid($"{path}.connectorProfileName", $"connector profile '{profileName}' does not exist.");
        if (given is not null && given != profile.ConnectorType)
        {
            throw FlowOperationException.Invalid(
                $"{path}.{propertiesName}.{AwsConnectorTypes.Custom}.customProperties.{AwsConnectorTypes.LabelProperty}",
                $"is '{given}', but connector profile '{profileName}' is for '{profile.ConnectorType}'.");
        }

        return profile.ConnectorType;
    }

    private async Task<Dictionary<string, Dictionary<string, JsonElement>>> PropertiesAsync(
        string label, Dictionary<string, Dictionary<string, JsonElement>> properties, string path, bool destination)
    {
        var custom = Custom(properties, path);
        var at = $"{path}.{AwsConnectorTypes.Custom}";
        var flat = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? entityName = null;
        foreach (var (member, value) in custom)
        {
            switch (member)
            {
                case "entityName":
                    entityName = AwsStringMaps.Text(value, $"{at}.entityName");
                    break;
                case "customProperties":
                    AwsStringMaps.AddStrings(flat, value, $"{at}.customProperties", skipped: AwsConnectorTypes.LabelProperty);
                    break;
                case "writeOperationType" when destination:
                    flat["writeOperationType"] = AwsStringMaps.Text(value, $"{at}.writeOperationType");
                    break;
                case "idFieldNames" when destination && value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var field in value.EnumerateArray())
                    {
                        flat[$"idFieldNames[{index}]"] = AwsStringMaps.Text(field, $"{at}.idFieldNames[{index}]");
                        index++;
                    }

                    break;
                default:
                    throw FlowOperationException.Invalid($"{at}.{member}", "is not supported by FlowGrains' CustomConnector mapping (entityName, customProperties" + (destination ? ", writeOperationType, idFieldNames)." : ")."));
            }
        }

        if (!string.IsNullOrEmpty(entityName))
        {
            var entityProperty = (await types.FindAsync(label))?.EntityProperty
                ?? throw FlowOperationException.Invalid($"{at}.entityName", $"connector type '{label}' names no entity; leave entityName empty and use customProperties.");
            if (!flat.TryAdd(entityProperty, entityName))
            {
                throw FlowOperationException.Invalid($"{at}.customProperties.{entityProperty}", "repeats entityName; give it once.");
            }
        }

        return AwsStringMaps.Nested(label, flat);
    }

    private static Dictionary<string, JsonElement> Custom(Dictionary<string, Dictionary<string, JsonElement>>? properties, string path)
    {
        if (properties is null)
        {
            throw FlowOperationException.Invalid(path, "is required.");
        }

        if (properties.Keys.FirstOrDefault(key => key != AwsConnectorTypes.Custom) is { } other)
        {
            throw FlowOperationException.Invalid($"{path}.{other}", $"does not match connectorType '{AwsConnectorTypes.Custom}'.");
        }

        return properties.GetValueOrDefault(AwsConnectorTypes.Custom) ?? throw FlowOperationException.Invalid($"{path}.{AwsConnectorTypes.Custom}", "is required.");
    }
}
