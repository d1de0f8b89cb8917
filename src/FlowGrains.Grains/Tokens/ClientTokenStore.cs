using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// Keeps each token outcome as its own entry of the flows storage provider, so recording a token costs
/// the same however many tokens a flow has. A write with a stale etag fails, so two writers racing on
/// one token cannot both win.
/// </summary>
internal sealed class ClientTokenStore([FromKeyedServices(FlowStorageNames.Provider)] IGrainStorage storage)
{
    private const string GrainType = "flowtoken";

    public async Task<IGrainState<ClientTokenRecord?>> ReadAsync(string key)
    {
        var state = new GrainState<ClientTokenRecord?>();
        await storage.ReadStateAsync(FlowStorageNames.TokenState, GrainId.Create(GrainType, key), state);
        return state;
    }

    /// <summary>
    /// Removes the entry of <paramref name="key"/> if it holds an outcome that has expired by <paramref name="now"/>
    /// (<see cref="DateTimeOffset.MaxValue"/> removes it whatever it holds).
    /// </summary>
    public async Task ClearIfExpiredAsync(string key, DateTimeOffset now)
    {
        var state = await ReadAsync(key);
        if (state.RecordExists && state.State?.IsActiveAt(now) != true)
        {
            await storage.ClearStateAsync(FlowStorageNames.TokenState, GrainId.Create(GrainType, key), state);
        }
    }

    /// <summary>Writes <paramref name="state"/>; throws <see cref="InconsistentStateException"/> when another writer got there first.</summary>
    public Task WriteAsync(string key, IGrainState<ClientTokenRecord?> state) =>
        storage.WriteStateAsync(FlowStorageNames.TokenState, GrainId.Create(GrainType, key), state);
}
