using Orleans.Concurrency;

using System.Collections.Immutable;

namespace FlowGrains.Grains.Catalog;

/// <summary>One partition of the flow index: the sorted names of the flows that hash to it.</summary>
public interface IFlowIndexPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>Adds a name; adding a present name changes nothing.</summary>
    Task AddAsync(string flowName);

    /// <summary>Removes a name; removing an absent name changes nothing.</summary>
    Task RemoveAsync(string flowName);

    /// <summary>How many names the partition holds.</summary>
    [ReadOnly]
    Task<int> CountAsync();

    /// <summary>Up to <paramref name="max"/> names after <paramref name="after"/> (all names when null), in ordinal order.</summary>
    [ReadOnly]
    Task<ImmutableArray<string>> ListAfterAsync(string? after, int max);
}
