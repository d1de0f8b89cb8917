using System.Collections.Concurrent;

namespace FlowGrains.Host.Auth;

/// <summary>
/// Derived SigV4 signing keys by key, day, region and service: a key is derived with four HMACs and stays
/// the same all day, so each request needs only the one that signs it. Bounded: it is emptied when full.
/// </summary>
internal sealed class SigningKeyCache
{
    private const int MaxEntries = 4096;
    private readonly ConcurrentDictionary<(string KeyId, string Secret, string Date, string Region, string Service), byte[]> _keys = new();

    public string Signature(AccessKeyOptions key, SigV4Authorization authorization, string stringToSign)
    {
        var scope = (key.Id, key.Secret, authorization.Date, authorization.Region, authorization.Service);
        if (!_keys.TryGetValue(scope, out var signingKey))
        {
            if (_keys.Count >= MaxEntries)
            {
                _keys.Clear();
            }

            signingKey = _keys.GetOrAdd(scope, _ => SigV4.SigningKey(key.Secret, authorization));
        }

        return SigV4.Signature(signingKey, stringToSign);
    }
}
