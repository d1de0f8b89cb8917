using FlowGrains.Grains.Flows;

namespace FlowGrains.Grains.Catalog;

/// <summary>
/// The flows quota, counted on the sharded flow index without a central counter: a new flow adds its index entry
/// first and counts after. Of creates that race, the one that adds last counts every other, so the quota is never
/// passed; at the quota, racing creates may all be refused, and a retry succeeds.
/// </summary>
internal static class FlowQuota
{
    /// <summary>Whether the index, which already holds the new flow's entry, is within <paramref name="maxFlows"/>.</summary>
    public static async Task<bool> HoldsAsync(IGrainFactory grains, int maxFlows)
    {
        var counts = await Task.WhenAll(Enumerable.Range(0, FlowIndexPartitions.Count)
            .Select(partition => grains.GetGrain<IFlowIndexPartitionGrain>(partition).CountAsync()));
        return counts.Sum() <= maxFlows;
    }
}
