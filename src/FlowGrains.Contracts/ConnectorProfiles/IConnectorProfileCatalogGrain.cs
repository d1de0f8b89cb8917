using System.Collections.Immutable;

namespace FlowGrains.Contracts.ConnectorProfiles;

/// <summary>Lists connector profiles (describe-connector-profiles); use key 0.</summary>
public interface IConnectorProfileCatalogGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Profiles in name order, filtered by <paramref name="names"/> (when not empty) and <paramref name="connectorType"/>
    /// (when set); pass <see cref="ConnectorProfilesPage.NextToken"/> back for the next page.
    /// </summary>
    Task<ConnectorProfilesPage> DescribeConnectorProfilesAsync(
        ImmutableArray<string> names, string? connectorType, int maxResults, string? nextToken);
}
