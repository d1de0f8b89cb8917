using System.Text;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// An Http connector profile: where requests go and what they carry. Properties: <c>baseUrl</c> (absolute
/// http/https URL without user info, query or fragment), <c>headers.NAME</c> (headers sent on every request; a
/// value is a secret unless the header is on <see cref="HttpHeaderRules"/>' safe list) and <c>apiKeyHeader</c> (default <c>X-Api-Key</c>). Credentials, at most one kind: <c>bearerToken</c>;
/// <c>apiKey</c>; or <c>username</c> + <c>password</c> (Basic). Credentials only ever go into request headers.
/// </summary>
internal sealed class HttpProfile
{
    /// <summary>The header an API key goes in when the profile names none.</summary>
    public const string DefaultApiKeyHeader = "X-Api-Key";

    private HttpProfile(Uri baseUrl, IReadOnlyDictionary<string, string> headers, HttpCredential? credential)
    {
        BaseUrl = baseUrl;
        Headers = headers;
        Credential = credential;
        Secrets = [.. credential?.Secrets ?? [], .. headers.Where(header => !HttpHeaderRules.IsSafe(header.Key)).Select(header => header.Value)];
    }

    /// <summary>The URL every flow path is appended to.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The profile's headers sent on every request, by name.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The credential sent on every request, if any.</summary>
    public HttpCredential? Credential { get; }

    /// <summary>The values that must never appear in a log or an error message: the credential's and the secret headers'.</summary>
    public IReadOnlyList<string> Secrets { get; }

    /// <summary>
    /// Reads and checks <paramref name="profile"/>; errors name fields under
    /// <c>{fieldPath}.connectorProfileProperties.Http</c> and <c>{fieldPath}.connectorProfileCredentials.Http</c>
    /// and never quote a credential.
    /// </summary>
    public static HttpProfile Parse(ConnectorProfileSettings profile, string fieldPath)
    {
        var properties = new ConnectorProperties(profile.Properties, $"{fieldPath}.connectorProfileProperties.{HttpConnector.TypeName}")
            .AllowOnly("baseUrl", "headers", "apiKeyHeader");
        var credentials = new ConnectorProperties(profile.Credentials, $"{fieldPath}.connectorProfileCredentials.{HttpConnector.TypeName}")
            .AllowOnly("bearerToken", "apiKey", "username", "password");

        var baseUrl = HttpUrls.ParseBaseUrl(properties, "baseUrl");
        var headers = properties.Object("headers");
        foreach (var (name, value) in headers)
        {
            HttpHeaderRules.CheckCustomHeader(properties, $"headers.{name}", name, value);
        }

        var credential = ParseCredential(properties, credentials, headers);
        return new HttpProfile(baseUrl, headers, credential);
    }

    private static HttpCredential? ParseCredential(
        ConnectorProperties properties, ConnectorProperties credentials, IReadOnlyDictionary<string, string> headers)
    {
        var kinds = new[] { "bearerToken", "apiKey", "username" }
            .Where(key => credentials.Optional(key) is not null || (key == "username" && credentials.Optional("password") is not null))
            .ToList();
        if (kinds.Count > 1)
        {
            throw credentials.Invalid(kinds[1], "cannot be combined with " + kinds[0] + ": give one kind of credential (bearerToken, apiKey, or username + password).");
        }

        var apiKeyHeader = properties.Optional("apiKeyHeader");
        if (apiKeyHeader is not null && kinds is not ["apiKey"])
        {
            throw properties.Invalid("apiKeyHeader", "applies only with an apiKey credential.");
        }

        switch (kinds.SingleOrDefault())
        {
            case "bearerToken":
                var bearer = SecretValue(credentials, "bearerToken");
                return new HttpCredential("Authorization", "Bearer " + bearer, [bearer]);
            case "apiKey":
                var header = apiKeyHeader ?? DefaultApiKeyHeader;
                HttpHeaderRules.CheckCustomHeader(properties, "apiKeyHeader", header, value: string.Empty);
                if (headers.Keys.Contains(header, StringComparer.OrdinalIgnoreCase))
                {
                    throw properties.Invalid($"headers.{header}", "is the API key's header; the key belongs in the credentials only.");
                }

                var key = SecretValue(credentials, "apiKey");
                return new HttpCredential(header, key, [key]);
            case "username":
                var username = SecretValue(credentials, "username");
                var password = SecretValue(credentials, "password");
                if (username.Contains(':', StringComparison.Ordinal))
                {
                    throw credentials.Invalid("username", "must not contain ':' (Basic authentication separates the password with it).");
                }

                var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
                return new HttpCredential("Authorization", "Basic " + token, [username, password, token]);
            default:
                return null;
        }
    }

    // A credential is required once its kind is chosen, and must not smuggle a line break into the headers.
    private static string SecretValue(ConnectorProperties credentials, string key)
    {
        var value = credentials.Required(key);
        return value.AsSpan().ContainsAny('\r', '\n', '\0')
            ? throw credentials.Invalid(key, "must not contain line breaks or NUL characters.")
            : value;
    }
}
