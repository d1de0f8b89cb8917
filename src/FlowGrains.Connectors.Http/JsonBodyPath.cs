using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// A dotted path to a value in a JSON response body (<c>data.items</c>, <c>meta.next_cursor</c>): each segment
/// is an object property name; array indexes are not supported. The empty path is the body itself.
/// </summary>
internal sealed class JsonBodyPath
{
    private readonly string[] _segments;

    private JsonBodyPath(string text, string[] segments) => (Text, _segments) = (text, segments);

    /// <summary>The path as configured.</summary>
    public string Text { get; }

    /// <summary>Reads <paramref name="key"/> as a path; null when it is absent or empty and <paramref name="required"/> is false.</summary>
    public static JsonBodyPath? Parse(ConnectorProperties properties, string key, bool required)
    {
        var text = required ? properties.Required(key) : properties.Optional(key);
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var segments = text.Split('.');
        return segments.Any(segment => segment.Length == 0 || segment.Trim().Length != segment.Length)
            ? throw properties.Invalid(key, "must be property names joined by '.', none empty or padded with spaces (for example data.items).")
            : new JsonBodyPath(text, segments);
    }

    /// <summary>The value at this path in <paramref name="body"/>, or null when a segment is missing, null or not in an object.</summary>
    public JsonNode? Find(JsonNode? body)
    {
        var node = body;
        foreach (var segment in _segments)
        {
            node = node is JsonObject parent && parent.TryGetPropertyValue(segment, out var child) ? child : null;
        }

        return node;
    }
}
