using System.Security.Cryptography;
using System.Text.Json;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A stable digest of a request's content (everything but its clientToken), used to tell a retry from a
/// different request reusing the token. Maps are sorted dictionaries, so equal requests digest equally.
/// </summary>
internal static class RequestFingerprint
{
    public static string Of<T>(T content) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(content)));
}
