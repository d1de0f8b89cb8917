using FlowGrains.Contracts.Flows;

namespace FlowGrains.Contracts;

/// <summary>Lists flows in name order. Stateless: it reads the sharded flow index, so any silo can serve it.</summary>
public interface IFlowCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>At most <paramref name="maxResults"/> (1–100) flows after the position <paramref name="nextToken"/> names.</summary>
    Task<FlowListPage> ListFlowsAsync(int maxResults, string? nextToken);
}
