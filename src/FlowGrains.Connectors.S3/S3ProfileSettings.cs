using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// What an S3 connector profile holds. Properties: <c>endpointUrl</c> (optional absolute http/https URL of an
/// S3-compatible server; absent means AWS), <c>region</c> (default <c>us-east-1</c>), <c>forcePathStyle</c>
/// (<c>true</c>/<c>false</c>; default true when <c>endpointUrl</c> is set, false otherwise). Credentials:
/// <c>accessKeyId</c> and <c>secretAccessKey</c> (required), <c>sessionToken</c> (optional).
/// </summary>
internal sealed class S3ProfileSettings
{
    private S3ProfileSettings(Uri? endpointUrl, string region, bool forcePathStyle, AWSCredentials credentials, string identity)
    {
        EndpointUrl = endpointUrl;
        Region = region;
        ForcePathStyle = forcePathStyle;
        Credentials = credentials;
        Identity = identity;
    }

    public Uri? EndpointUrl { get; }

    public string Region { get; }

    public bool ForcePathStyle { get; }

    public AWSCredentials Credentials { get; }

    /// <summary>Tells profiles apart for client reuse: a hash of every setting, secrets included.</summary>
    public string Identity { get; }

    /// <summary>Where requests go, as error messages may name it.</summary>
    public string EndpointDescription => EndpointUrl?.ToString() ?? $"AWS S3 in {Region}";

    public static S3ProfileSettings Parse(ConnectorProfileSettings profile, string fieldPath)
    {
        var properties = new ConnectorProperties(profile.Properties, fieldPath).AllowOnly("endpointUrl", "region", "forcePathStyle");
        var endpointUrl = ParseEndpointUrl(properties);
        var region = properties.Optional("region") ?? "us-east-1";
        if (region.Length is 0 or > 32 || !region.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            throw properties.Invalid("region", "must be a region name such as us-east-1.");
        }

        var forcePathStyle = properties.Boolean("forcePathStyle", endpointUrl is not null);
        var credentials = new ConnectorProperties(profile.Credentials, fieldPath).AllowOnly("accessKeyId", "secretAccessKey", "sessionToken");
        var accessKeyId = credentials.Required("accessKeyId");
        var secretAccessKey = credentials.Required("secretAccessKey");
        var sessionToken = credentials.Optional("sessionToken");
        AWSCredentials awsCredentials = string.IsNullOrEmpty(sessionToken)
            ? new BasicAWSCredentials(accessKeyId, secretAccessKey)
            : new SessionAWSCredentials(accessKeyId, secretAccessKey, sessionToken);
        var identity = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(
            '\0', endpointUrl?.ToString() ?? string.Empty, region, forcePathStyle, accessKeyId, secretAccessKey, sessionToken ?? string.Empty))));
        return new S3ProfileSettings(endpointUrl, region, forcePathStyle, awsCredentials, identity);
    }

    private static Uri? ParseEndpointUrl(ConnectorProperties properties)
    {
        if (properties.Optional("endpointUrl") is not { } text)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.UserInfo.Length == 0
            ? url
            : throw properties.Invalid("endpointUrl", "must be an absolute http or https URL without user name or password.");
    }
}
