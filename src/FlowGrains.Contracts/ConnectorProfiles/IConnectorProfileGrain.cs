using FlowGrains.Contracts.Tags;

namespace FlowGrains.Contracts.ConnectorProfiles;

/// <summary>
/// One connector profile, keyed by its connectorProfileName: the endpoint and credentials flows use by
/// naming it. Credentials are stored encrypted and are never returned.
/// </summary>
public interface IConnectorProfileGrain : IGrainWithStringKey, ITaggedResource
{
    /// <summary>Creates the profile; CONFLICT when it exists, VALIDATION_ERROR naming the field the connector type refuses.</summary>
    Task<ConnectorProfileArnResult> CreateConnectorProfileAsync(CreateConnectorProfileRequest request);

    /// <summary>Replaces the profile's connection mode, properties and credentials; NOT_FOUND when it does not exist.</summary>
    Task<ConnectorProfileArnResult> UpdateConnectorProfileAsync(UpdateConnectorProfileRequest request);

    /// <summary>The profile without its credentials, or null when it does not exist.</summary>
    Task<ConnectorProfileDetails?> DescribeConnectorProfileAsync();

    /// <summary>
    /// Deletes the profile; NOT_FOUND when it does not exist. While a flow names it, CONFLICT naming the
    /// flows, unless <paramref name="forceDelete"/> is set: then those flows' runs fail until they name another.
    /// </summary>
    Task DeleteConnectorProfileAsync(bool forceDelete);
}
