using FlowGrains.Connectors;

namespace FlowGrains.Connectors.S3;

/// <summary>Reads the properties S3 sources and destinations share, naming the offending field on any error.</summary>
internal static class S3PropertyReader
{
    /// <summary>The longest bucket prefix accepted; S3 keys are at most 1,024 bytes and the flow adds its own parts.</summary>
    public const int MaxPrefixLength = 512;

    /// <summary>Fails on any key (full path) that is not one of <paramref name="known"/>.</summary>
    public static ConnectorProperties Known(IReadOnlyDictionary<string, string> values, string fieldPath, params string[] known)
    {
        var properties = new ConnectorProperties(values, fieldPath);
        foreach (var key in values.Keys.Order(StringComparer.Ordinal))
        {
            if (!known.Contains(key, StringComparer.Ordinal))
            {
                throw properties.Invalid(key, $"is not an S3 property here (expected {string.Join(", ", known)}).");
            }
        }

        return properties;
    }

    public static string BucketName(ConnectorProperties properties)
    {
        var name = properties.Required("bucketName");
        return S3BucketName.Problem(name) is { } problem ? throw properties.Invalid("bucketName", problem) : name;
    }

    /// <summary>The bucket prefix without leading or trailing slashes; empty when absent.</summary>
    public static string BucketPrefix(ConnectorProperties properties)
    {
        var prefix = properties.Optional("bucketPrefix") ?? string.Empty;
        if (prefix.Length > MaxPrefixLength)
        {
            throw properties.Invalid("bucketPrefix", $"must be at most {MaxPrefixLength} characters.");
        }

        if (prefix.Any(char.IsControl))
        {
            throw properties.Invalid("bucketPrefix", "must not contain control characters.");
        }

        return prefix.Trim('/');
    }
}
