using System.Collections.Immutable;
using FlowGrains.Connectors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Grains.AccessKeys;

/// <summary>Holds the cluster's access keys; a new state is written before it is adopted.</summary>
public sealed class AccessKeyRegistryGrain(
    [PersistentState(FlowStorageNames.AccessKeyRegistryState, FlowStorageNames.Provider)] IPersistentState<AccessKeyRegistryState> state,
    CredentialProtector protector,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time)
    : Grain, IAccessKeyRegistryGrain
{
    /// <inheritdoc />
    public async Task<CreatedAccessKey> CreateAsync(string role)
    {
        var id = AccessKeyMaterial.NewId();
        var secret = AccessKeyMaterial.NewSecret();
        var created = time.GetUtcNow();
        await WriteAsync(id, new StoredAccessKey(role, protector.Protect(SealingName(id), new Dictionary<string, string> { ["secret"] = secret }), created));
        return new CreatedAccessKey(id, secret, role, created);
    }

    /// <inheritdoc />
    public Task<ImmutableArray<AccessKeySummary>> ListAsync() =>
        Task.FromResult(state.State.Keys
            .Select(entry => new AccessKeySummary(entry.Key, entry.Value.Role, entry.Value.CreatedAt, entry.Value.RevokedAt))
            .OrderByDescending(key => key.CreatedAt)
            .ToImmutableArray());

    /// <inheritdoc />
    public async Task<bool> RevokeAsync(string accessKeyId)
    {
        if (!state.State.Keys.TryGetValue(accessKeyId, out var key))
        {
            return false;
        }

        if (key.RevokedAt is null)
        {
            await WriteAsync(accessKeyId, key with { RevokedAt = time.GetUtcNow() });
        }

        return true;
    }

    /// <inheritdoc />
    public Task<ActiveAccessKey?> FindActiveAsync(string accessKeyId) =>
        Task.FromResult(state.State.Keys.TryGetValue(accessKeyId, out var key) && key.RevokedAt is null
            ? new ActiveAccessKey(key.Role, protector.Unprotect(SealingName(accessKeyId), key.SealedSecret)["secret"])
            : null);

    // The id is bound into the sealing, so a sealed secret copied to another key's row does not open.
    private static string SealingName(string accessKeyId) => $"accesskey/{accessKeyId}";

    /// <summary>Stores the keys with <paramref name="key"/> set, and adopts them only once stored.</summary>
    private async Task WriteAsync(string accessKeyId, StoredAccessKey key)
    {
        var previous = state.State;
        state.State = new AccessKeyRegistryState { Keys = new Dictionary<string, StoredAccessKey>(previous.Keys, StringComparer.Ordinal) { [accessKeyId] = key } };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }
}
