using System.Collections.Immutable;
using FlowGrains.Errors;

namespace FlowGrains.Grains.Validation;

/// <summary>AppFlow's tag rules, the same for flows and connector profiles.</summary>
internal static class TagRules
{
    public const int MaxTags = 50;
    private const int MaxKeyLength = 128;
    private const int MaxValueLength = 256;

    /// <summary>Checks the tags a resource is created with or given; throws a validation error naming <paramref name="field"/>.</summary>
    public static void Validate(IReadOnlyDictionary<string, string>? tags, string field = "tags")
    {
        if (tags is null)
        {
            throw FlowOperationException.Invalid(field, "is required (an empty map when there are none).");
        }

        RequestRules.StringMap(tags, field, MaxTags, MaxKeyLength, MaxValueLength);
        if (tags.Keys.FirstOrDefault(key => key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase)) is { } reserved)
        {
            throw FlowOperationException.Invalid($"{field}.{reserved}", "tag keys must not start with 'aws:'.");
        }
    }

    /// <summary>The tags after adding <paramref name="added"/> to <paramref name="current"/>, at most <see cref="MaxTags"/> in all.</summary>
    public static ImmutableSortedDictionary<string, string> Add(ImmutableSortedDictionary<string, string> current, ImmutableSortedDictionary<string, string>? added)
    {
        Validate(added);
        if (added!.Count == 0)
        {
            throw FlowOperationException.Invalid("tags", "must name at least one tag.");
        }

        var merged = current.WithComparers(StringComparer.Ordinal).SetItems(added);
        return merged.Count <= MaxTags
            ? merged
            : throw FlowOperationException.Invalid("tags", $"a resource holds at most {MaxTags} tags; it would hold {merged.Count}.");
    }

    /// <summary>The tags after removing <paramref name="keys"/> from <paramref name="current"/>.</summary>
    public static ImmutableSortedDictionary<string, string> Remove(ImmutableSortedDictionary<string, string> current, ImmutableArray<string> keys)
    {
        if (keys.IsDefaultOrEmpty || keys.Length > MaxTags)
        {
            throw FlowOperationException.Invalid("tagKeys", $"must name 1-{MaxTags} tag keys.");
        }

        if (keys.Any(key => key is null || key.Length is 0 or > MaxKeyLength))
        {
            throw FlowOperationException.Invalid("tagKeys", $"each key must be 1-{MaxKeyLength} characters.");
        }

        return current.WithComparers(StringComparer.Ordinal).RemoveRange(keys);
    }
}
