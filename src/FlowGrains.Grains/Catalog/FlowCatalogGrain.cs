using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Paging;
using Orleans.Concurrency;

namespace FlowGrains.Grains.Catalog;

/// <summary>
/// Lists flows by merging the index partitions in name order and asking each listed flow for its
/// summary. Stateless, so every silo runs its own copies and no single grain serves all listings.
/// </summary>
[StatelessWorker]
public sealed class FlowCatalogGrain(PageTokenCodec pageTokens) : Grain, IFlowCatalogGrain
{
    private const string TokenScope = "list-flows";

    /// <inheritdoc />
    public async Task<FlowListPage> ListFlowsAsync(int maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > 100)
        {
            throw FlowOperationException.Invalid("maxResults", "must be 1-100.");
        }

        var after = nextToken is null ? null : pageTokens.Decode(TokenScope, nextToken);
        var partitions = await Task.WhenAll(Enumerable.Range(0, FlowIndexPartitions.Count)
            .Select(partition => GrainFactory.GetGrain<IFlowIndexPartitionGrain>(partition).ListAfterAsync(after, maxResults + 1)));
        var names = partitions.SelectMany(names => names).Order(StringComparer.Ordinal).Take(maxResults + 1).ToList();
        var hasMore = names.Count > maxResults;
        var page = names.Take(maxResults).ToList();

        var summaries = await Task.WhenAll(page.Select(name => GrainFactory.GetGrain<IFlowGrain>(name).GetSummaryAsync()));
        var flows = summaries.OfType<FlowSummary>().ToImmutableArray();
        return new FlowListPage(flows, hasMore ? pageTokens.Encode(TokenScope, page[^1]) : null);
    }
}
