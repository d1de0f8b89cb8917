using System.Collections.Immutable;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.Errors;
using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Limits;
using FlowGrains.Grains.Tokens;
using FlowGrains.Grains.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>
/// One connector profile. The index learns a name before the profile is stored and forgets it after the
/// profile is deleted, so a listing may briefly name a profile that does not exist (and skips it) but
/// never misses one that does.
/// </summary>
public sealed partial class ConnectorProfileGrain(
    [PersistentState(FlowStorageNames.ConnectorProfileState, FlowStorageNames.Provider)] IPersistentState<ConnectorProfileState> state,
    ConnectorRegistry connectors,
    CredentialProtector protector,
    IEgressPolicy egress,
    IOptions<FlowGrainsOptions> options,
    IOptions<QuotasOptions> quotas,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    ILogger<ConnectorProfileGrain> logger)
    : Grain, IConnectorProfileGrain, IConnectorProfileStore
{
    private string Name => this.GetPrimaryKeyString();

    private string Arn => ConnectorProfileArn.For(options.Value, Name);

    /// <inheritdoc />
    public async Task<ConnectorProfileArnResult> CreateConnectorProfileAsync(CreateConnectorProfileRequest request)
    {
        ConnectorProfileName.ToGrainKey(Name);
        if (request is null || string.IsNullOrEmpty(request.ConnectorType))
        {
            throw FlowOperationException.Invalid("connectorType", "is required.");
        }

        RequestRules.ClientToken(request.ClientToken);
        var tags = request.Tags ?? ImmutableSortedDictionary<string, string>.Empty;
        TagRules.Validate(tags);
        var (connector, config) = await ValidateAsync(request.ConnectorType, request.ConnectionMode, request.Config, stored: () => ImmutableSortedDictionary<string, string>.Empty);
        var now = time.GetUtcNow();
        var fingerprint = Fingerprint(connector, request.ConnectorType, request.ConnectionMode, request.Config, tags);
        if (ProfileClientTokens.IsRetry(state.State.ClientTokens, ProfileClientTokens.Create, request.ClientToken, fingerprint, now))
        {
            return new ConnectorProfileArnResult(Arn);
        }

        if (state.State.Exists)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Connector profile '{Name}' already exists.");
        }

        if (!await GrainFactory.GetGrain<IConnectorProfileIndexGrain>(0).AddAsync(Name, request.ConnectorType, quotas.Value.MaxConnectorProfiles))
        {
            throw QuotaExceeded.Error("connectorProfileName", "connector profiles", quotas.Value.MaxConnectorProfiles, nameof(QuotasOptions.MaxConnectorProfiles));
        }

        var previous = state.State;
        state.State = new ConnectorProfileState
        {
            Exists = true, ConnectorType = request.ConnectorType, CreatedAt = now, Users = previous.Users, Tags = tags, ClientTokens = previous.ClientTokens,
        };
        try
        {
            await StoreAsync(connector, request.ConnectionMode, config, now, (ProfileClientTokens.Create, request.ClientToken, fingerprint));
        }
        catch
        {
            state.State = previous;
            throw;
        }

        return new ConnectorProfileArnResult(Arn);
    }

    /// <inheritdoc />
    public async Task<ConnectorProfileArnResult> UpdateConnectorProfileAsync(UpdateConnectorProfileRequest request)
    {
        EnsureExists();
        if (request is null)
        {
            throw FlowOperationException.Invalid("connectorProfileConfig", "is required.");
        }

        RequestRules.ClientToken(request.ClientToken);
        var (connector, config) = await ValidateAsync(state.State.ConnectorType, request.ConnectionMode, request.Config, StoredSecretProperties);
        var now = time.GetUtcNow();
        var fingerprint = Fingerprint(connector, state.State.ConnectorType, request.ConnectionMode, request.Config, tags: null);
        if (!ProfileClientTokens.IsRetry(state.State.ClientTokens, ProfileClientTokens.Update, request.ClientToken, fingerprint, now))
        {
            await StoreAsync(connector, request.ConnectionMode, config, now, (ProfileClientTokens.Update, request.ClientToken, fingerprint));
        }

        return new ConnectorProfileArnResult(Arn);
    }

    /// <inheritdoc />
    public Task<ConnectorProfileDetails?> DescribeConnectorProfileAsync() => Task.FromResult(state.State.Exists
        ? new ConnectorProfileDetails(Name, Arn, state.State.ConnectorType, state.State.ConnectionMode, ShownProperties(), state.State.CreatedAt, state.State.LastUpdatedAt, state.State.Tags)
        : null);

    /// <inheritdoc />
    public async Task DeleteConnectorProfileAsync(bool forceDelete)
    {
        EnsureExists();
        var users = forceDelete ? state.State.Users : await RefuseWhileInUseAsync();

        // A forced delete remembers its flows, so a profile created again under this name still knows them.
        var previous = state.State;
        state.State = new ConnectorProfileState { Users = users, ClientTokens = previous.ClientTokens };
        try
        {
            await SaveAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }

        await GrainFactory.GetGrain<IConnectorProfileIndexGrain>(0).RemoveAsync(Name);
    }

    /// <inheritdoc />
    public Task<StoredConnectorProfile?> GetStoredAsync() => Task.FromResult(state.State.Exists
        ? new StoredConnectorProfile(state.State.ConnectorType, state.State.Properties, state.State.SealedCredentials, state.State.SealedProperties)
        : null);

    // The connector judges the properties as a run will see them: with the stored secrets a *** keeps.
    private async Task<(IFlowConnector Connector, ConnectorProfileConfig Config)> ValidateAsync(
        string connectorType, string? connectionMode, ConnectorProfileConfig? config, Func<IReadOnlyDictionary<string, string>> stored)
    {
        var connector = connectors.Find(connectorType, "connectorType");
        if (connectionMode is not ("Public" or "Private"))
        {
            throw FlowOperationException.Invalid("connectionMode", "must be Public or Private.");
        }

        if (config?.Properties is null || config.Credentials is null)
        {
            throw FlowOperationException.Invalid("connectorProfileConfig", "must hold connectorProfileProperties and connectorProfileCredentials.");
        }

        var properties = ProfileSecrets.Resolve(connector, config.Properties, stored, $"connectorProfileConfig.connectorProfileProperties.{connectorType}");
        var settings = new ConnectorProfileSettings(Name, properties, config.Credentials);
        connector.ValidateProfile(settings, "connectorProfileConfig");
        await EgressChecks.CheckAsync(
            egress, connector.EgressTargets(settings, "connectorProfileConfig"), (target, refused) => FlowOperationException.Invalid(target.Field, refused.Message + "."));
        return (connector, config with { Properties = properties });
    }

    // Secret properties, like credentials, go in as a keyed digest: a stored fingerprint must not let a guess be checked.
    private string Fingerprint(
        IFlowConnector connector, string connectorType, string connectionMode, ConnectorProfileConfig config, IReadOnlyDictionary<string, string>? tags)
    {
        var (shown, secret) = ProfileSecrets.Split(connector, config.Properties);
        return RequestFingerprint.Of(new
        {
            connectorType, connectionMode, Properties = shown, Credentials = protector.Digest(Name, config.Credentials),
            SecretProperties = protector.Digest(Name, secret), tags,
        });
    }

    // A profile saved before its connector called a property secret holds the value in the clear until its next update.
    private ImmutableSortedDictionary<string, string> ShownProperties() =>
        connectors.TryFind(state.State.ConnectorType) is { } connector ? ProfileSecrets.Split(connector, state.State.Properties).Shown : state.State.Properties;

    private IReadOnlyDictionary<string, string> StoredSecretProperties()
    {
        if (state.State.SealedProperties.Length == 0)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }

        try
        {
            return protector.Unprotect(Name, state.State.SealedProperties, ProfileSecrets.SealingPurpose);
        }
        catch (ConnectorException exception)
        {
            throw FlowOperationException.Invalid("connectorProfileConfig.connectorProfileProperties", exception.Message + " Send every secret property's value.");
        }
    }

    private async Task StoreAsync(
        IFlowConnector connector, string connectionMode, ConnectorProfileConfig config, DateTimeOffset now, (string Operation, string? Token, string Fingerprint) call)
    {
        var (shown, secret) = ProfileSecrets.Split(connector, config.Properties);
        var previous = state.State;
        state.State = new ConnectorProfileState
        {
            Exists = true,
            ConnectorType = previous.ConnectorType,
            ConnectionMode = connectionMode,
            Properties = shown,
            SealedCredentials = protector.Protect(Name, config.Credentials),
            SealedProperties = secret.IsEmpty ? [] : protector.Protect(Name, secret, ProfileSecrets.SealingPurpose),
            CreatedAt = previous.CreatedAt,
            LastUpdatedAt = now,
            Users = previous.Users,
            Tags = previous.Tags,
            ClientTokens = ProfileClientTokens.Accept(previous.ClientTokens, call.Operation, call.Token, call.Fingerprint, now),
        };

        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            throw;
        }
    }

    private void EnsureExists()
    {
        if (!state.State.Exists)
        {
            throw new FlowOperationException(FlowErrorCode.NotFound, $"Connector profile '{Name}' does not exist.");
        }
    }
}
