using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// An Http destination's properties: <c>path</c> (relative to the profile's baseUrl); <c>batchSize</c> (records
/// per POST, 1–10,000, default 100); <c>bodyRecordsProperty</c> (optional: the body becomes
/// <c>{ "&lt;name&gt;": [records] }</c> instead of the bare array); <c>maxRetries</c> (0–10, default 5).
/// </summary>
internal sealed record HttpDestinationSettings(string Path, int BatchSize, string? BodyRecordsProperty, int MaxRetries)
{
    /// <summary>Records per POST when the flow does not say.</summary>
    public const int DefaultBatchSize = 100;

    /// <summary>Reads and checks a destination's properties; errors name the field under <paramref name="fieldPath"/>.</summary>
    public static HttpDestinationSettings Parse(IReadOnlyDictionary<string, string> values, string fieldPath)
    {
        var properties = new ConnectorProperties(values, fieldPath).AllowOnly("path", "batchSize", "bodyRecordsProperty", HttpRetrySettings.Key);
        var wrapper = properties.Optional("bodyRecordsProperty");
        if (wrapper is not null && string.IsNullOrWhiteSpace(wrapper))
        {
            throw properties.Invalid("bodyRecordsProperty", "must not be blank (leave it out to send the bare array).");
        }

        return new HttpDestinationSettings(
            HttpUrls.ParsePath(properties, "path"),
            properties.Integer("batchSize", DefaultBatchSize, 1, 10_000),
            wrapper,
            HttpRetrySettings.MaxRetries(properties));
    }
}
