namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>Implemented by the profile grain for runs and flow checks inside the cluster.</summary>
public interface IConnectorProfileStore : IGrainWithStringKey
{
    /// <summary>The stored profile with its credentials sealed, or null when it does not exist.</summary>
    Task<StoredConnectorProfile?> GetStoredAsync();
}
