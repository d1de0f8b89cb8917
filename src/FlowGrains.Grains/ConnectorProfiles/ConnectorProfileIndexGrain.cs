using System.Collections.Immutable;
using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>The stored list of profile names and types.</summary>
public sealed class ConnectorProfileIndexGrain(
    [PersistentState(FlowStorageNames.ConnectorProfileIndexState, FlowStorageNames.Provider)] IPersistentState<ConnectorProfileIndexState> state)
    : Grain, IConnectorProfileIndexGrain
{
    /// <inheritdoc />
    public async Task<bool> AddAsync(string name, string connectorType, int maxProfiles)
    {
        var known = state.State.Profiles.TryGetValue(name, out var existing);
        if (known && existing == connectorType)
        {
            return true;
        }

        if (!known && state.State.Profiles.Count >= maxProfiles)
        {
            return false;
        }

        state.State.Profiles[name] = connectorType;
        await WriteOrUndoAsync(() => state.State.Profiles.Remove(name));
        return true;
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string name)
    {
        if (state.State.Profiles.Remove(name, out var type))
        {
            await WriteOrUndoAsync(() => state.State.Profiles[name] = type);
        }
    }

    /// <inheritdoc />
    public Task<ImmutableArray<(string Name, string ConnectorType)>> ListAfterAsync(string? after, int max) =>
        Task.FromResult(state.State.Profiles
            .Where(entry => after is null || StringComparer.Ordinal.Compare(entry.Key, after) > 0)
            .Take(max)
            .Select(entry => (entry.Key, entry.Value))
            .ToImmutableArray());

    private async Task WriteOrUndoAsync(Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}

/// <summary>Profile names (ordinal order) with their connector types.</summary>
[GenerateSerializer, Alias("FlowGrains.ConnectorProfileIndexState")]
public sealed class ConnectorProfileIndexState
{
    /// <summary>Name → connector type.</summary>
    [Id(0)] public SortedDictionary<string, string> Profiles { get; set; } = new(StringComparer.Ordinal);
}
