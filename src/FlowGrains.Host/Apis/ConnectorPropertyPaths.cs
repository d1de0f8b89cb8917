using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Contracts.Errors;

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

    public static ImmutableSortedDictionary<string, string> Flatten(IReadOnlyDictionary<string, JsonElement> properties, string fieldPath)
    {
        var flat = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            if (key.Length == 0 || key.IndexOfAny(['.', '[', ']']) >= 0)
            {
                throw FlowOperationException.Invalid($"{fieldPath}.{key}", "property names must be non-empty and must not contain '.', '[' or ']'.");
            }

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
                    if (property.Name.Length == 0 || property.Name.IndexOfAny(['.', '[', ']']) >= 0)
                    {
                        throw FlowOperationException.Invalid($"{fieldPath}.{property.Name}", "property names must be non-empty and must not contain '.', '[' or ']'.");
                    }

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
