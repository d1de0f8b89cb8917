using System.Collections.Immutable;

namespace FlowGrains.Connectors;

/// <summary>Pages entities a connector can list whole, by name: the position is the last name handed out.</summary>
public static class EntityPaging
{
    /// <summary>
    /// The entities after <paramref name="after"/> (a previous page's NextToken; null for the first page), at most
    /// <paramref name="maxResults"/>, in ordinal order of their names.
    /// </summary>
    public static ConnectorEntityPage Page(IEnumerable<ConnectorEntity> entities, int maxResults, string? after)
    {
        var page = entities
            .Where(entity => after is null || string.CompareOrdinal(entity.Name, after) > 0)
            .Order(Comparer<ConnectorEntity>.Create((x, y) => string.CompareOrdinal(x.Name, y.Name)))
            .Take(maxResults + 1)
            .ToImmutableArray();
        return page.Length > maxResults
            ? new ConnectorEntityPage(page[..maxResults], page[maxResults - 1].Name)
            : new ConnectorEntityPage(page, null);
    }
}
