using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Connectors;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>Finds the profile a source or destination names and opens its credentials, for runs and flow checks.</summary>
public sealed class ConnectorProfileResolver(IGrainFactory grains, CredentialProtector protector)
{
    /// <summary>
    /// The profile <paramref name="config"/> names, or null when it names none. A missing profile, or one of
    /// another connector type, is a <see cref="ConnectorException"/>.
    /// </summary>
    public async Task<ConnectorProfileSettings?> ResolveAsync(ConnectorConfig config)
    {
        if (config.ConnectorProfileName is not { } name)
        {
            return null;
        }

        var stored = await grains.GetGrain<IConnectorProfileStore>(name).GetStoredAsync()
            ?? throw new ConnectorException($"Connector profile '{name}' does not exist.");
        if (stored.ConnectorType != config.ConnectorType)
        {
            throw new ConnectorException($"Connector profile '{name}' is for connector type '{stored.ConnectorType}', not '{config.ConnectorType}'.");
        }

        return new ConnectorProfileSettings(name, stored.Properties, protector.Unprotect(name, stored.SealedCredentials));
    }
}
