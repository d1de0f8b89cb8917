using System.Collections.Immutable;
using FlowGrains.Grains.Hosting;

namespace FlowGrains.Grains.Catalog;

/// <summary>Holds one partition of the flow index.</summary>
public sealed class FlowIndexPartitionGrain(
    [PersistentState(FlowStorageNames.IndexState, FlowStorageNames.Provider)] IPersistentState<FlowIndexPartitionState> state)
    : Grain, IFlowIndexPartitionGrain
{
    /// <inheritdoc />
    public async Task AddAsync(string flowName)
    {
        var index = state.State.Names.BinarySearch(flowName, StringComparer.Ordinal);
        if (index < 0)
        {
            state.State.Names.Insert(~index, flowName);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public async Task RemoveAsync(string flowName)
    {
        var index = state.State.Names.BinarySearch(flowName, StringComparer.Ordinal);
        if (index >= 0)
        {
            state.State.Names.RemoveAt(index);
            await state.WriteStateAsync();
        }
    }

    /// <inheritdoc />
    public Task<int> CountAsync() => Task.FromResult(state.State.Names.Count);

    /// <inheritdoc />
    public Task<ImmutableArray<string>> ListAfterAsync(string? after, int max)
    {
        var names = state.State.Names;
        var start = 0;
        if (after is not null)
        {
            var index = names.BinarySearch(after, StringComparer.Ordinal);
            start = index >= 0 ? index + 1 : ~index;
        }

        return Task.FromResult(names.Skip(start).Take(max).ToImmutableArray());
    }
}
