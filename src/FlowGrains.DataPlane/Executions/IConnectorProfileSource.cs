using FlowGrains.Connectors;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.DataPlane.Executions;

/// <summary>Where the runner gets the connector profile a source or destination names; the grains keep the profiles.</summary>
public interface IConnectorProfileSource
{
    /// <summary>
    /// The profile <paramref name="config"/> names with its credentials opened, or null when it names none; a profile
    /// that cannot be used is a <see cref="ConnectorException"/>.
    /// </summary>
    Task<ConnectorProfileSettings?> ResolveAsync(ConnectorConfig config);
}
