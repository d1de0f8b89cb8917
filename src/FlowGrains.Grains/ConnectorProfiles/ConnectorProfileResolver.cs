using FlowGrains.Connectors;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Executions;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>Finds the profile a source or destination names and opens its credentials, for runs and flow checks.</summary>
public sealed class ConnectorProfileResolver(IGrainFactory grains, CredentialProtector protector) : IConnectorProfileSource
{
    /// <summary>
    /// The profile <paramref name="config"/> names, or null when it names none. A missing profile, one of
    /// another connector type, or credentials the configured key cannot open, is a <see cref="ConnectorException"/>.
    /// </summary>
    public Task<ConnectorProfileSettings?> ResolveAsync(ConnectorConfig config) =>
        ResolveAsync(config, rule => new ConnectorException(char.ToUpperInvariant(rule[0]) + rule[1..]));

    /// <summary>
    /// The profile <paramref name="config"/> names, or null when it names none; when it cannot be used,
    /// <paramref name="failure"/> makes the error from a rule that says why (starting lower-case, so it can
    /// follow a field name).
    /// </summary>
    public async Task<ConnectorProfileSettings?> ResolveAsync(ConnectorConfig config, Func<string, Exception> failure)
    {
        if (config.ConnectorProfileName is not { } name)
        {
            return null;
        }

        var (connectorType, settings) = await OpenAsync(name, failure)
            ?? throw failure($"connector profile '{name}' does not exist.");
        return connectorType == config.ConnectorType
            ? settings
            : throw failure($"connector profile '{name}' is for connector type '{connectorType}', not '{config.ConnectorType}'.");
    }

    /// <summary>
    /// The profile named <paramref name="name"/>, its connector type and its opened credentials, or null when it does
    /// not exist; credentials the configured key cannot open are <paramref name="failure"/> of a rule that says why.
    /// </summary>
    public async Task<(string ConnectorType, ConnectorProfileSettings Settings)?> OpenAsync(string name, Func<string, Exception> failure)
    {
        if (await grains.GetGrain<IConnectorProfileStore>(name).GetStoredAsync() is not { } stored)
        {
            return null;
        }

        try
        {
            var properties = stored.SealedProperties is { Length: > 0 } sealedProperties
                ? stored.Properties.SetItems(protector.Unprotect(name, sealedProperties, ProfileSecrets.SealingPurpose))
                : stored.Properties;
            return (stored.ConnectorType, new ConnectorProfileSettings(name, properties, protector.Unprotect(name, stored.SealedCredentials)));
        }
        catch (ConnectorException exception)
        {
            throw failure(exception.Message);
        }
    }
}
