using FlowGrains.Grains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>Which header names and values a profile may set.</summary>
internal static class HttpHeaderRules
{
    // Authorization belongs in the credentials (so it is encrypted and never described back); the others are
    // set by the HTTP stack from the request itself.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Host", "Content-Type", "Content-Length", "Content-Encoding",
        "Transfer-Encoding", "Connection", "Upgrade", "Expect", "TE", "Trailer", "Keep-Alive",
    };

    /// <summary>
    /// Fails unless <paramref name="name"/> is an RFC 9110 token that is not reserved and <paramref name="value"/>
    /// has no line break or NUL; errors name <paramref name="key"/> and never quote the value.
    /// </summary>
    public static void CheckCustomHeader(ConnectorProperties properties, string key, string name, string value)
    {
        if (name.Length == 0 || !name.All(IsTokenChar))
        {
            throw properties.Invalid(key, "must name a valid HTTP header (letters, digits and !#$%&'*+-.^_`|~).");
        }

        if (Reserved.Contains(name))
        {
            throw properties.Invalid(key, $"cannot set {name}: credentials go in the profile's credentials, and the HTTP stack sets the rest.");
        }

        if (value.AsSpan().ContainsAny('\r', '\n', '\0'))
        {
            throw properties.Invalid(key, "must not contain line breaks or NUL characters.");
        }
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
