using System.Text.Json;
using FlowGrains.Errors;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// The string maps of AppFlow's CustomConnector shapes (customProperties, profileProperties, credentialsMap),
/// read into FlowGrains' flat properties and handed on in the envelope's nested form.
/// </summary>
internal static class AwsStringMaps
{
    public static string Text(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw FlowOperationException.Invalid(path, "must be a string.");

    /// <summary>Adds the members of the object <paramref name="value"/> to <paramref name="flat"/>, except <paramref name="skipped"/>; each must be a string.</summary>
    public static void AddStrings(SortedDictionary<string, string> flat, JsonElement value, string path, string? skipped = null)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw FlowOperationException.Invalid(path, "must be an object of strings.");
        }

        foreach (var property in value.EnumerateObject())
        {
            if (property.Name != skipped)
            {
                flat[property.Name] = Text(property.Value, $"{path}.{property.Name}");
            }
        }
    }

    /// <summary>Flat properties as the envelope's body carries them: nested again, under the connector type's name.</summary>
    public static Dictionary<string, Dictionary<string, JsonElement>> Nested(string connectorType, SortedDictionary<string, string> flat) =>
        new() { [connectorType] = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(ConnectorPropertyPaths.Unflatten(flat))! };
}
