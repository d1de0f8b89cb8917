using FlowGrains.Errors;

namespace FlowGrains.Grains.Validation;

/// <summary>Field rules shared by several operations.</summary>
internal static class RequestRules
{
    public const int MaxClientTokenLength = 256;

    /// <summary>A clientToken is 1–256 printable ASCII characters (space to '~').</summary>
    public static void ClientToken(string? token)
    {
        if (token is null)
        {
            return;
        }

        if (token.Length is 0 or > MaxClientTokenLength || token.Any(c => c is < ' ' or > '~'))
        {
            throw FlowOperationException.Invalid(
                "clientToken",
                $"must be 1-{MaxClientTokenLength} printable ASCII characters (space to '~').");
        }
    }

    public static void MaxLength(string? value, int max, string field)
    {
        if (value is not null && value.Length > max)
        {
            throw FlowOperationException.Invalid(field, $"must be at most {max} characters.");
        }
    }

    public static void StringMap(
        IReadOnlyDictionary<string, string> map, string field, int maxEntries, int maxKeyLength, int maxValueLength)
    {
        if (map.Count > maxEntries)
        {
            throw FlowOperationException.Invalid(field, $"at most {maxEntries} entries are allowed.");
        }

        foreach (var (key, value) in map)
        {
            if (key.Length is 0 || key.Length > maxKeyLength)
            {
                throw FlowOperationException.Invalid(field, $"keys must be 1-{maxKeyLength} characters.");
            }

            if (value is null || value.Length > maxValueLength)
            {
                throw FlowOperationException.Invalid($"{field}.{key}", $"must be a string of at most {maxValueLength} characters.");
            }
        }
    }
}
