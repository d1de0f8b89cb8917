using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Errors;

namespace FlowGrains.Host.Apis;

/// <summary>
/// AppFlow's connector properties nest objects and arrays (<c>s3OutputFormatConfig.prefixConfig</c>,
/// <c>idFieldNames</c>); flows store them as a flat map of scalar strings keyed by path
/// (<c>s3OutputFormatConfig.prefixConfig.prefixType</c>, <c>idFieldNames[0]</c>) so grains and connectors
/// need no JSON. <see cref="Unflatten"/> gives describe calls back the nested shape.
/// </summary>
internal static class ConnectorPropertyPaths
{
    private const int MaxDepth = 8;

    /// <summary>
    /// The flat properties of <paramref name="connectorType"/> from AppFlow's map keyed by connector type (as in
    /// <c>sourceConnectorProperties</c> or <c>connectorProfileCredentials</c>): another type's key is an error, and
    /// so is a missing or null entry for this type, with <paramref name="missingRule"/>.
    /// </summary>
    public static ImmutableSortedDictionary<string, string> FlattenOwn(
        Dictionary<string, Dictionary<string, JsonElement>> byType, string fieldPath, string connectorType, string missingRule)
    {
        if (byType.Keys.FirstOrDefault(key => key != connectorType) is { } other)
        {
            throw FlowOperationException.Invalid($"{fieldPath}.{other}", $"does not match connectorType '{connectorType}'.");
        }

        var own = byType.GetValueOrDefault(connectorType) ?? throw FlowOperationException.Invalid($"{fieldPath}.{connectorType}", missingRule);
        return Flatten(own, $"{fieldPath}.{connectorType}");
    }

    public static ImmutableSortedDictionary<string, string> Flatten(IReadOnlyDictionary<string, JsonElement> properties, string fieldPath)
    {
        var flat = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            RequirePlainName(key, $"{fieldPath}.{key}");
            Add(flat, key, value, $"{fieldPath}.{key}", depth: 0);
        }

        return flat.ToImmutable();
    }

    public static JsonObject Unflatten(IReadOnlyDictionary<string, string> flat)
    {
        var root = new JsonObject();
        foreach (var (path, value) in flat)
        {
            JsonNode parent = root;
            var segments = Segments(path);
            for (var i = 0; i < segments.Count; i++)
            {
                var last = i == segments.Count - 1;
                JsonNode? child = last ? JsonValue.Create(value) : segments[i + 1].Index is null ? new JsonObject() : new JsonArray();
                parent = segments[i].Index is { } index
                    ? Element((JsonArray)parent, index, child)
                    : Property((JsonObject)parent, segments[i].Name!, child);
            }
        }

        return root;
    }

    private static void Add(ImmutableSortedDictionary<string, string>.Builder flat, string key, JsonElement value, string fieldPath, int depth)
    {
        if (depth > MaxDepth)
        {
            throw FlowOperationException.Invalid(fieldPath, $"connector properties nest at most {MaxDepth} levels.");
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                flat[key] = value.GetString()!;
                break;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                flat[key] = value.GetRawText();
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    RequirePlainName(property.Name, $"{fieldPath}.{property.Name}");
                    Add(flat, $"{key}.{property.Name}", property.Value, $"{fieldPath}.{property.Name}", depth + 1);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    var itemKey = string.Create(CultureInfo.InvariantCulture, $"{key}[{index}]");
                    Add(flat, itemKey, item, string.Create(CultureInfo.InvariantCulture, $"{fieldPath}[{index}]"), depth + 1);
                    index++;
                }

                break;
            default:
                throw FlowOperationException.Invalid(fieldPath, "must be a string, number, boolean, object or array.");
        }
    }

    // A name holding a path separator could not be told apart from a nested one once flattened.
    private static void RequirePlainName(string name, string fieldPath)
    {
        if (name.Length == 0 || name.IndexOfAny(['.', '[', ']']) >= 0)
        {
            throw FlowOperationException.Invalid(fieldPath, "property names must be non-empty and must not contain '.', '[' or ']'.");
        }
    }

    private static List<(string? Name, int? Index)> Segments(string path)
    {
        var segments = new List<(string?, int?)>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            segments.Add((bracket < 0 ? part : part[..bracket], null));
            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                segments.Add((null, int.Parse(part.AsSpan(bracket + 1, close - bracket - 1), CultureInfo.InvariantCulture)));
                bracket = part.IndexOf('[', close);
            }
        }

        return segments;
    }

    private static JsonNode Property(JsonObject parent, string name, JsonNode? child)
    {
        if (parent[name] is { } existing)
        {
            return existing;
        }

        parent[name] = child;
        return child!;
    }

    private static JsonNode Element(JsonArray parent, int index, JsonNode? child)
    {
        while (parent.Count <= index)
        {
            parent.Add(null);
        }

        return parent[index] ??= child!;
    }
}
