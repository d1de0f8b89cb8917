using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A stable digest of a request's content (everything but its clientToken), used to tell a retry from a
/// different request reusing the token. Object members are sorted ordinally before hashing, so the
/// digest does not depend on the order or comparer of the caller's dictionaries.
/// </summary>
internal static class RequestFingerprint
{
    public static string Of<T>(T content)
    {
        var canonical = Canonical(JsonSerializer.SerializeToNode(content))?.ToJsonString() ?? "null";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The fingerprint of a string map, without going through JSON: the hot path of StartFlow.</summary>
    public static string OfMap(IEnumerable<KeyValuePair<string, string>> map)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> length = stackalloc byte[4];
        foreach (var (key, value) in map.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            foreach (var part in new[] { key, value })
            {
                var bytes = Encoding.UTF8.GetBytes(part);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
                hash.AppendData(length);
                hash.AppendData(bytes);
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .OrderBy(member => member.Key, StringComparer.Ordinal)
            .Select(member => KeyValuePair.Create(member.Key, Canonical(member.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Canonical)]),
        _ => node?.DeepClone(),
    };
}
