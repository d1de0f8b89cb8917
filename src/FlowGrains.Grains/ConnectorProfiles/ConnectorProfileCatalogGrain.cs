using System.Collections.Immutable;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Errors;
using FlowGrains.Grains.Paging;
using Orleans.Concurrency;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>describe-connector-profiles: named profiles directly, or a page of the index filtered by type.</summary>
[StatelessWorker]
public sealed class ConnectorProfileCatalogGrain(PageTokenCodec pageTokens) : Grain, IConnectorProfileCatalogGrain
{
    private const string TokenScope = "describe-connector-profiles";

    /// <inheritdoc />
    public async Task<ConnectorProfilesPage> DescribeConnectorProfilesAsync(
        ImmutableArray<string> names, string? connectorType, int maxResults, string? nextToken)
    {
        if (maxResults is < 1 or > 100)
        {
            throw FlowOperationException.Invalid("maxResults", "must be 1-100.");
        }

        names = names.IsDefault ? [] : names;
        if (names.Length > 100)
        {
            throw FlowOperationException.Invalid("connectorProfileNames", "at most 100 names are allowed.");
        }

        for (var i = 0; i < names.Length; i++)
        {
            ConnectorProfileName.ToGrainKey(names[i], $"connectorProfileNames[{i}]");
        }

        var after = nextToken is null ? null : pageTokens.Decode(TokenScope, nextToken);
        var candidates = names.Length > 0
            ? [.. names.Distinct().Order(StringComparer.Ordinal).Where(name => after is null || StringComparer.Ordinal.Compare(name, after) > 0)]
            : await ListIndexAsync(connectorType, after, maxResults + 1);

        var page = candidates.Take(maxResults + 1).ToList();
        var hasMore = page.Count > maxResults;
        page = page.Take(maxResults).ToList();
        var details = await Task.WhenAll(page.Select(name => GrainFactory.GetGrain<IConnectorProfileGrain>(name).DescribeConnectorProfileAsync()));
        var found = details.OfType<ConnectorProfileDetails>().Where(profile => connectorType is null || profile.ConnectorType == connectorType);
        return new ConnectorProfilesPage([.. found], hasMore ? pageTokens.Encode(TokenScope, page[^1]) : null);
    }

    private async Task<List<string>> ListIndexAsync(string? connectorType, string? after, int wanted)
    {
        var index = GrainFactory.GetGrain<IConnectorProfileIndexGrain>(0);
        var names = new List<string>();
        while (names.Count < wanted)
        {
            var batch = await index.ListAfterAsync(after, 500);
            names.AddRange(batch.Where(entry => connectorType is null || entry.ConnectorType == connectorType).Select(entry => entry.Name));
            if (batch.Length < 500)
            {
                break;
            }

            after = batch[^1].Name;
        }

        return names;
    }
}
