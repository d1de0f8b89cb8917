using System.Globalization;
using FlowGrains.Errors;

namespace FlowGrains.Connectors;

/// <summary>
/// Reads connector (and connector profile) properties from their flat form, where nested values are keyed
/// by path (<c>a.b</c>, <c>a[0]</c>). Every read names the offending field under the given path.
/// </summary>
public sealed class ConnectorProperties(IReadOnlyDictionary<string, string> values, string fieldPath)
{
    /// <summary>The field path errors are reported under.</summary>
    public string FieldPath { get; } = fieldPath;

    /// <summary>Fails on any key whose first segment is not one of <paramref name="known"/>.</summary>
    public ConnectorProperties AllowOnly(params string[] known)
    {
        foreach (var key in values.Keys)
        {
            var root = key.Split('.', '[')[0];
            if (!known.Contains(root, StringComparer.Ordinal))
            {
                throw Invalid(root, $"is not a known property (expected {string.Join(", ", known)}).");
            }
        }

        return this;
    }

    /// <summary>The value of <paramref name="key"/>, or null when it is missing.</summary>
    public string? Optional(string key) => values.TryGetValue(key, out var value) ? value : null;

    /// <summary>The non-blank value of <paramref name="key"/>.</summary>
    public string Required(string key) =>
        Optional(key) is { } value && !string.IsNullOrWhiteSpace(value) ? value : throw Invalid(key, "is required.");

    /// <summary>The value of <paramref name="key"/>, which must be one of <paramref name="allowed"/> (default when missing).</summary>
    public string OneOf(string key, string? defaultValue, params string[] allowed)
    {
        var value = Optional(key) ?? defaultValue ?? throw Invalid(key, $"is required ({string.Join(", ", allowed)}).");
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw Invalid(key, $"must be one of {string.Join(", ", allowed)}.");
    }

    /// <summary>The boolean value of <paramref name="key"/> (<c>true</c>/<c>false</c>), or <paramref name="defaultValue"/>.</summary>
    public bool Boolean(string key, bool defaultValue) => Optional(key) switch
    {
        null => defaultValue,
        var text when bool.TryParse(text, out var value) => value,
        _ => throw Invalid(key, "must be true or false."),
    };

    /// <summary>The integer value of <paramref name="key"/> within bounds, or <paramref name="defaultValue"/>.</summary>
    public int Integer(string key, int defaultValue, int min, int max) => Optional(key) switch
    {
        null => defaultValue,
        var text when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max => value,
        _ => throw Invalid(key, $"must be an integer from {min} to {max}."),
    };

    /// <summary>The elements of the array property <paramref name="key"/> (<c>key[0]</c>, <c>key[1]</c>, …), in order.</summary>
    public IReadOnlyList<string> List(string key)
    {
        var items = new List<string>();
        while (values.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"{key}[{items.Count}]"), out var item))
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The entries under the object property <paramref name="key"/> (<c>key.name</c>), by name.</summary>
    public IReadOnlyDictionary<string, string> Object(string key)
    {
        var prefix = key + ".";
        return values.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(entry => entry.Key[prefix.Length..], entry => entry.Value, StringComparer.Ordinal);
    }

    /// <summary>A validation error naming <paramref name="key"/>.</summary>
    public FlowOperationException Invalid(string key, string message) => FlowOperationException.Invalid($"{FieldPath}.{key}", message);
}
