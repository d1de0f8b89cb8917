using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using FlowGrains.Grains.AccessKeys;

namespace FlowGrains.Host.Auth;

/// <summary>
/// The keys this host accepts, and whether it asks for one at all: those in its configuration, and those
/// an Admin created on the running cluster. A cluster key is read at most <see cref="Freshness"/> before it
/// is used, so a revoked key is refused on every host within 5 seconds.
/// </summary>
internal sealed class AccessKeys(AuthMode mode, IEnumerable<AccessKeyOptions> configured, IGrainFactory grains, TimeProvider time)
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(4);
    private const int MaxRemembered = 10_000;
    private readonly Dictionary<string, AccessKeyOptions> _configured = configured.ToDictionary(key => key.Id, StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (AccessKeyOptions? Key, DateTimeOffset ReadAt)> _cluster = new(StringComparer.Ordinal);

    public AuthMode Mode { get; } = mode;

    public bool Required => Mode == AuthMode.Keys;

    /// <summary>The keys set in configuration, which only configuration can change.</summary>
    public IReadOnlyCollection<AccessKeyOptions> Configured => _configured.Values;

    /// <summary>The key with this id; <see cref="AuthFailure"/> (unrecognized) when there is none, or it was revoked.</summary>
    public async ValueTask<AccessKeyOptions> FindAsync(string keyId)
    {
        if (_configured.TryGetValue(keyId, out var configuredKey))
        {
            return configuredKey;
        }

        // Only ids the registry could have made reach it: a flood of made-up ids costs nothing but this check.
        if (!AccessKeyMaterial.IsWellFormedId(keyId))
        {
            throw AuthFailure.Unrecognized();
        }

        var now = time.GetUtcNow();
        if (_cluster.TryGetValue(keyId, out var remembered) && now - remembered.ReadAt < Freshness)
        {
            return remembered.Key ?? throw AuthFailure.Unrecognized();
        }

        var active = await grains.GetGrain<IAccessKeyRegistryGrain>(0).FindActiveAsync(keyId);
        var key = active is null ? null : new AccessKeyOptions { Id = keyId, Secret = active.Secret, Role = Enum.Parse<AccessRole>(active.Role) };
        if (_cluster.Count >= MaxRemembered)
        {
            _cluster.Clear();
        }

        // Unknown ids are remembered too, so a caller repeating one does not reach the registry each time.
        _cluster[keyId] = (key, now);
        return key ?? throw AuthFailure.Unrecognized();
    }

    /// <summary>Forgets what this host read of a key, so a change made here shows at once.</summary>
    public void Forget(string keyId) => _cluster.TryRemove(keyId, out _);

    /// <summary>Compares a presented secret without leaking, through timing, how much of it matched.</summary>
    public static bool SecretMatches(AccessKeyOptions key, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(key.Secret)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
