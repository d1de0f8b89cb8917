using FlowGrains.Connectors;

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

    // Headers that say how to answer, never who asks: their values are shown by describe. Every other header
    // may carry a token (X-Api-Key, X-Auth-Token, Cookie, a vendor's own), so it is sealed like a credential.
    private static readonly HashSet<string> Safe = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Accept-Charset", "Accept-Encoding", "Accept-Language", "Cache-Control", "Content-Language",
        "Pragma", "Prefer", "User-Agent", "X-Requested-With",
    };

    /// <summary>The profile property that holds a header's value.</summary>
    public const string PropertyPrefix = "headers.";

    /// <summary>Whether the profile property <paramref name="key"/> is a header whose value is a secret (any header not on the safe list).</summary>
    public static bool IsSecretHeaderProperty(string key) =>
        key.StartsWith(PropertyPrefix, StringComparison.Ordinal) && !IsSafe(key[PropertyPrefix.Length..]);

    /// <summary>Whether the value of header <paramref name="name"/> may be shown.</summary>
    public static bool IsSafe(string name) => Safe.Contains(name);

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
