using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// How request URLs are formed and shown. A flow's <c>path</c> is appended to the profile's <c>baseUrl</c>
/// (one '/' between them, whatever either side has), so <c>https://api.example.com/v1</c> + <c>items?limit=50</c>
/// is <c>https://api.example.com/v1/items?limit=50</c>. Messages and logs show only the URL's path: query
/// strings may carry keys, so they are never shown.
/// </summary>
internal static class HttpUrls
{
    /// <summary>Reads <paramref name="key"/> as an absolute http/https URL without user info, query or fragment.</summary>
    public static Uri ParseBaseUrl(ConnectorProperties properties, string key)
    {
        var text = properties.Required(key);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw properties.Invalid(key, "must be an absolute http or https URL.");
        }

        if (url.UserInfo.Length > 0)
        {
            throw properties.Invalid(key, "must not contain user info; put credentials in the profile's credentials.");
        }

        if (url.Query.Length > 0 || url.Fragment.Length > 0 || text.Contains('?', StringComparison.Ordinal) || text.Contains('#', StringComparison.Ordinal))
        {
            throw properties.Invalid(key, "must not have a query string or fragment; put query parameters in the flow's path.");
        }

        return url;
    }

    /// <summary>Reads the optional relative <paramref name="key"/> (may carry a query string, never a scheme, host or fragment).</summary>
    public static string ParsePath(ConnectorProperties properties, string key)
    {
        var path = properties.Optional(key) ?? string.Empty;
        if (path.Length > 2048)
        {
            throw properties.Invalid(key, "must be at most 2048 characters.");
        }

        if (path.StartsWith("//", StringComparison.Ordinal) || !Uri.TryCreate(path, UriKind.Relative, out _))
        {
            throw properties.Invalid(key, "must be a path relative to the profile's baseUrl (no scheme or host).");
        }

        if (path.Contains('#', StringComparison.Ordinal) || path.Any(char.IsControl) || path.Contains(' ', StringComparison.Ordinal))
        {
            throw properties.Invalid(key, "must not contain a fragment, spaces or control characters.");
        }

        return path;
    }

    /// <summary>The URL of <paramref name="path"/> under <paramref name="baseUrl"/>.</summary>
    public static Uri Combine(Uri baseUrl, string path) =>
        path.Length == 0 ? baseUrl : new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + "/" + path.TrimStart('/'));

    /// <summary><paramref name="url"/> with query parameter <paramref name="name"/> set to <paramref name="value"/> (replacing any earlier one).</summary>
    public static Uri WithQueryParameter(Uri url, string name, string value)
    {
        var prefix = Uri.EscapeDataString(name) + "=";
        var kept = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(pair => !pair.StartsWith(prefix, StringComparison.Ordinal) && pair != Uri.EscapeDataString(name));
        var query = string.Join('&', kept.Append(prefix + Uri.EscapeDataString(value)));
        return new UriBuilder(url) { Query = query }.Uri;
    }

    /// <summary>Whether <paramref name="url"/> has the scheme, host and port of <paramref name="origin"/>.</summary>
    public static bool IsSameOrigin(Uri url, Uri origin) =>
        Uri.Compare(url, origin, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    /// <summary>How a request is named in messages and logs: its method and its URL's path, never its query.</summary>
    public static string Describe(HttpMethod method, Uri url) => $"{method.Method} {url.AbsolutePath}";
}
