using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Connectors;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>Finds the profile a source or destination names and opens its credentials, for runs and flow checks.</summary>
public sealed class ConnectorProfileResolver(IGrainFactory grains, CredentialProtector protector)
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

        var stored = await grains.GetGrain<IConnectorProfileStore>(name).GetStoredAsync()
            ?? throw failure($"connector profile '{name}' does not exist.");
        if (stored.ConnectorType != config.ConnectorType)
        {
            throw failure($"connector profile '{name}' is for connector type '{stored.ConnectorType}', not '{config.ConnectorType}'.");
        }

        try
        {
            return new ConnectorProfileSettings(name, stored.Properties, protector.Unprotect(name, stored.SealedCredentials));
        }
        catch (ConnectorException exception)
        {
            throw failure(exception.Message);
        }
    }
}
