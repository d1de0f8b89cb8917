using System.Collections.Immutable;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>The names of all connector profiles with their types (key 0), for listings.</summary>
public interface IConnectorProfileIndexGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or re-types a name; repeating it changes nothing.</summary>
    Task AddAsync(string name, string connectorType);

    /// <summary>Removes a name; removing a missing name changes nothing.</summary>
    Task RemoveAsync(string name);

    /// <summary>Up to <paramref name="max"/> names after <paramref name="after"/> in name order, with their types.</summary>
    Task<ImmutableArray<(string Name, string ConnectorType)>> ListAfterAsync(string? after, int max);
}
