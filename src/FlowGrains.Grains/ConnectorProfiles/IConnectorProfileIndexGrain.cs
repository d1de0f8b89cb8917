using System.Collections.Immutable;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>The names of all connector profiles with their types (key 0), for listings.</summary>
public interface IConnectorProfileIndexGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Adds or re-types a name; repeating it changes nothing. False, and nothing added, when a new name would
    /// make the index hold more than <paramref name="maxProfiles"/> names (one grain holds them all, so the count is exact).
    /// </summary>
    Task<bool> AddAsync(string name, string connectorType, int maxProfiles);

    /// <summary>Removes a name; removing a missing name changes nothing.</summary>
    Task RemoveAsync(string name);

    /// <summary>Up to <paramref name="max"/> names after <paramref name="after"/> in name order, with their types.</summary>
    Task<ImmutableArray<(string Name, string ConnectorType)>> ListAfterAsync(string? after, int max);
}
