using System.Security.Cryptography;

namespace FlowGrains.Grains.AccessKeys;

/// <summary>New access key ids and secrets, shaped like AWS's: a 20-character id and a 40-character secret.</summary>
public static class AccessKeyMaterial
{
    private const string IdAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A new random key id: <c>AKFG</c> and 16 base32 characters.</summary>
    public static string NewId() => "AKFG" + RandomNumberGenerator.GetString(IdAlphabet, 16);

    /// <summary>Whether <paramref name="id"/> has the shape of an id <see cref="NewId"/> makes.</summary>
    public static bool IsWellFormedId(string id) =>
        id.Length == 20 && id.StartsWith("AKFG", StringComparison.Ordinal) && id.AsSpan(4).IndexOfAnyExcept(IdAlphabet) < 0;

    /// <summary>A new random secret: 30 random bytes, URL-safe base64.</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(30)).Replace('+', '-').Replace('/', '_');
}
