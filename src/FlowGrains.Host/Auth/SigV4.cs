using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FlowGrains.Host.Auth;

/// <summary>
/// AWS Signature Version 4 (<c>AWS4-HMAC-SHA256</c>) as a server checks it: the signed parts of a request
/// are put in AWS's canonical form, and the signature is recomputed with the key's secret.
/// </summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 …</c> header; throws <see cref="AuthFailure"/> (incomplete) when one is missing.</summary>
    public static SigV4Authorization Parse(string header)
    {
        var fields = header[Algorithm.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            throw AuthFailure.Incomplete("Authorization header requires 'Credential', 'SignedHeaders' and 'Signature'.");
        }

        var scope = credential.Split('/');
        if (scope is not [{ Length: > 0 } keyId, { Length: 8 } date, { Length: > 0 } region, { Length: > 0 } service, "aws4_request"])
        {
            throw AuthFailure.Incomplete("Credential must be <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request.");
        }

        return new SigV4Authorization(keyId, date, region, service, [.. signedHeaders.Split(';')], signature);
    }

    /// <summary>The canonical request: method, path (each segment encoded once more), sorted query, signed headers and the payload's hash.</summary>
    public static string CanonicalRequest(
        string method, string rawPath, string rawQuery, Func<string, string?> header, IReadOnlyList<string> signedHeaders, string payloadHash)
    {
        var builder = new StringBuilder();
        builder.Append(method).Append('\n');
        builder.Append(string.Join('/', (rawPath.Length == 0 ? "/" : rawPath).Split('/').Select(Encode))).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders)
        {
            builder.Append(name).Append(':').Append(CanonicalHeaderValue(header(name) ?? "")).Append('\n');
        }

        builder.Append('\n').Append(string.Join(';', signedHeaders)).Append('\n').Append(payloadHash);
        return builder.ToString();
    }

    /// <summary>The string that is signed: the algorithm, the request time, the credential scope and the canonical request's hash.</summary>
    public static string StringToSign(string amzDate, SigV4Authorization authorization, string canonicalRequest) =>
        $"{Algorithm}\n{amzDate}\n{authorization.Date}/{authorization.Region}/{authorization.Service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    /// <summary>The signature of <paramref name="stringToSign"/> under the key derived from <paramref name="secret"/> for the scope.</summary>
    public static string Signature(string secret, SigV4Authorization authorization, string stringToSign) =>
        Signature(SigningKey(secret, authorization), stringToSign);

    /// <summary>The signature of <paramref name="stringToSign"/> under a derived signing key.</summary>
    public static string Signature(byte[] signingKey, string stringToSign) => Hex(Hmac(signingKey, stringToSign));

    /// <summary>The key derived from <paramref name="secret"/> for the credential scope: the same all day for one region and service.</summary>
    public static byte[] SigningKey(string secret, SigV4Authorization authorization)
    {
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secret), authorization.Date);
        key = Hmac(key, authorization.Region);
        key = Hmac(key, authorization.Service);
        return Hmac(key, "aws4_request");
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Percent-encodes everything but RFC 3986's unreserved characters, as SigV4 wants.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static string CanonicalQuery(string rawQuery)
    {
        var pairs = rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (Key: Encode(Uri.UnescapeDataString(pair[0])), Value: Encode(Uri.UnescapeDataString(pair.Length > 1 ? pair[1] : ""))))
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .ThenBy(pair => pair.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(pair => $"{pair.Key}={pair.Value}"));
    }

    private static string CanonicalHeaderValue(string value) => string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}

/// <summary>The parts of a SigV4 Authorization header.</summary>
internal sealed record SigV4Authorization(
    string KeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature);
