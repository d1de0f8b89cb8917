using System.Security.Cryptography;
using System.Text;

namespace FlowGrains.Host.Auth;

/// <summary>The keys this host accepts, and whether it asks for one at all.</summary>
internal sealed class AccessKeys
{
    private readonly Dictionary<string, AccessKeyOptions> _keys;

    public AccessKeys(AuthMode mode, IEnumerable<AccessKeyOptions> keys)
    {
        Mode = mode;
        _keys = keys.ToDictionary(key => key.Id, StringComparer.Ordinal);
    }

    public AuthMode Mode { get; }

    public bool Required => Mode == AuthMode.Keys;

    /// <summary>The key with this id; <see cref="AuthFailure"/> (unrecognized) when there is none.</summary>
    public AccessKeyOptions Find(string keyId) => _keys.GetValueOrDefault(keyId) ?? throw AuthFailure.Unrecognized();

    /// <summary>Compares a presented secret without leaking, through timing, how much of it matched.</summary>
    public static bool SecretMatches(AccessKeyOptions key, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key.Secret)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
