using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// An Http source's properties. <c>path</c> (relative to the profile's baseUrl, may carry a query string);
/// <c>recordsPath</c> (dotted path to the records array, absent = the body is the array); <c>paginationType</c>
/// <c>None</c> (default), <c>Cursor</c> (needs <c>cursorPath</c> and <c>cursorParameter</c>) or <c>NextLink</c>
/// (optional <c>nextLinkPath</c>; without it the <c>Link</c> header's <c>rel="next"</c> is followed);
/// <c>maxPages</c> (1–1,000,000, optional: reading stops after that many pages); <c>maxRetries</c> (0–10, default 5).
/// </summary>
internal sealed record HttpSourceSettings(
    string Path,
    JsonBodyPath? RecordsPath,
    HttpPaginationType Pagination,
    JsonBodyPath? CursorPath,
    string? CursorParameter,
    JsonBodyPath? NextLinkPath,
    int? MaxPages,
    int MaxRetries)
{
    /// <summary>The properties a source takes.</summary>
    public static readonly string[] Keys =
        ["path", "recordsPath", "paginationType", "cursorPath", "cursorParameter", "nextLinkPath", "maxPages", HttpRetrySettings.Key];

    /// <summary>Reads and checks a source's properties; errors name the field under <paramref name="fieldPath"/>.</summary>
    public static HttpSourceSettings Parse(IReadOnlyDictionary<string, string> values, string fieldPath)
    {
        var properties = new ConnectorProperties(values, fieldPath).AllowOnly(Keys);
        var pagination = Enum.Parse<HttpPaginationType>(
            properties.OneOf("paginationType", nameof(HttpPaginationType.None), Enum.GetNames<HttpPaginationType>()));
        OnlyFor(properties, pagination, HttpPaginationType.Cursor, "cursorPath", "cursorParameter");
        OnlyFor(properties, pagination, HttpPaginationType.NextLink, "nextLinkPath");

        var cursor = pagination == HttpPaginationType.Cursor;
        var cursorParameter = cursor ? properties.Required("cursorParameter") : null;
        if (cursorParameter is not null && cursorParameter.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '&' or '=' or '#'))
        {
            throw properties.Invalid("cursorParameter", "must be a query parameter name (no spaces, '&', '=' or '#').");
        }

        return new HttpSourceSettings(
            HttpUrls.ParsePath(properties, "path"),
            JsonBodyPath.Parse(properties, "recordsPath", required: false),
            pagination,
            JsonBodyPath.Parse(properties, "cursorPath", required: cursor),
            cursorParameter,
            JsonBodyPath.Parse(properties, "nextLinkPath", required: false),
            properties.Optional("maxPages") is null ? null : properties.Integer("maxPages", 0, 1, 1_000_000),
            HttpRetrySettings.MaxRetries(properties));
    }

    // A pagination property given with another pagination type is a mistake the user should hear about.
    private static void OnlyFor(ConnectorProperties properties, HttpPaginationType actual, HttpPaginationType owner, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (actual != owner && properties.Optional(key) is not null)
            {
                throw properties.Invalid(key, $"applies only when paginationType is {owner}.");
            }
        }
    }
}
