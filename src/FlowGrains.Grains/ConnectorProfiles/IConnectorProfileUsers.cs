namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>
/// Implemented by the profile grain: the flows that may use the profile, so that deleting a profile in
/// use can be refused. The set may name flows that no longer use it; a delete asks each one and forgets
/// those that say no.
/// </summary>
public interface IConnectorProfileUsers : IGrainWithStringKey
{
    /// <summary>Records that <paramref name="flowName"/> uses the profile; false, recording nothing, when the profile does not exist.</summary>
    Task<bool> AddUserAsync(string flowName);

    /// <summary>Forgets <paramref name="flowName"/>; forgetting a flow it does not hold changes nothing.</summary>
    Task RemoveUserAsync(string flowName);
}
