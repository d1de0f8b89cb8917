using System.Collections.Immutable;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Errors;
using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>
/// One connector profile. The index learns a name before the profile is stored and forgets it after the
/// profile is deleted, so a listing may briefly name a profile that does not exist (and skips it) but
/// never misses one that does.
/// </summary>
public sealed class ConnectorProfileGrain(
    [PersistentState(FlowStorageNames.ConnectorProfileState, FlowStorageNames.Provider)] IPersistentState<ConnectorProfileState> state,
    ConnectorRegistry connectors,
    CredentialProtector protector,
    IOptions<FlowGrainsOptions> options,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time)
    : Grain, IConnectorProfileGrain, IConnectorProfileStore, IConnectorProfileUsers
{
    private const int UsersNamedInConflict = 5;

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

        Validate(request.ConnectorType, request.ConnectionMode, request.Config);
        if (state.State.Exists)
        {
            throw new FlowOperationException(FlowErrorCode.Conflict, $"Connector profile '{Name}' already exists.");
        }

        await GrainFactory.GetGrain<IConnectorProfileIndexGrain>(0).AddAsync(Name, request.ConnectorType);
        var now = time.GetUtcNow();
        state.State = new ConnectorProfileState { Exists = true, ConnectorType = request.ConnectorType, CreatedAt = now, Users = state.State.Users };
        await StoreAsync(request.ConnectionMode, request.Config, now);
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

        Validate(state.State.ConnectorType, request.ConnectionMode, request.Config);
        await StoreAsync(request.ConnectionMode, request.Config, time.GetUtcNow());
        return new ConnectorProfileArnResult(Arn);
    }

    /// <inheritdoc />
    public Task<ConnectorProfileDetails?> DescribeConnectorProfileAsync() => Task.FromResult(state.State.Exists
        ? new ConnectorProfileDetails(Name, Arn, state.State.ConnectorType, state.State.ConnectionMode, state.State.Properties, state.State.CreatedAt, state.State.LastUpdatedAt)
        : null);

    /// <inheritdoc />
    public async Task DeleteConnectorProfileAsync(bool forceDelete)
    {
        EnsureExists();
        if (!forceDelete)
        {
            await RefuseWhileInUseAsync();
        }

        var users = state.State.Users;
        if (users.IsEmpty)
        {
            await state.ClearStateAsync();
            state.State = new ConnectorProfileState();
        }
        else
        {
            // A forced delete remembers its flows, so a profile created again under this name still knows them.
            var previous = state.State;
            state.State = new ConnectorProfileState { Users = users };
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

        await GrainFactory.GetGrain<IConnectorProfileIndexGrain>(0).RemoveAsync(Name);
    }

    /// <inheritdoc />
    public Task<StoredConnectorProfile?> GetStoredAsync() => Task.FromResult(state.State.Exists
        ? new StoredConnectorProfile(state.State.ConnectorType, state.State.Properties, state.State.SealedCredentials)
        : null);

    /// <inheritdoc />
    public async Task<bool> AddUserAsync(string flowName)
    {
        if (!state.State.Exists)
        {
            return false;
        }

        if (!state.State.Users.Contains(flowName))
        {
            await WriteUsersAsync(state.State.Users.Add(flowName));
        }

        return true;
    }

    /// <inheritdoc />
    public async Task RemoveUserAsync(string flowName)
    {
        if (state.State.Exists && state.State.Users.Contains(flowName))
        {
            await WriteUsersAsync(state.State.Users.Remove(flowName));
        }
    }

    private async Task RefuseWhileInUseAsync()
    {
        var candidates = state.State.Users;
        var answers = await Task.WhenAll(candidates.Select(flow => GrainFactory.GetGrain<IFlowProfileUse>(flow).UsesConnectorProfileAsync(Name)));
        var users = candidates.Where((_, i) => answers[i]).ToImmutableSortedSet(StringComparer.Ordinal);
        if (users.Count == 0)
        {
            return;
        }

        if (users.Count < candidates.Count)
        {
            await WriteUsersAsync(users);
        }

        var named = string.Join(", ", users.Take(UsersNamedInConflict).Select(flow => $"'{flow}'"));
        var more = users.Count > UsersNamedInConflict ? $" and {users.Count - UsersNamedInConflict} more" : string.Empty;
        throw new FlowOperationException(
            FlowErrorCode.Conflict,
            $"Connector profile '{Name}' is used by flow {named}{more}; update or delete those flows first, or set forceDelete.");
    }

    private async Task WriteUsersAsync(ImmutableSortedSet<string> users)
    {
        var previous = state.State.Users;
        state.State.Users = users;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Users = previous;
            throw;
        }
    }

    private void Validate(string connectorType, string? connectionMode, ConnectorProfileConfig? config)
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

        connector.ValidateProfile(new ConnectorProfileSettings(Name, config.Properties, config.Credentials), "connectorProfileConfig");
    }

    private async Task StoreAsync(string connectionMode, ConnectorProfileConfig config, DateTimeOffset now)
    {
        var previous = state.State;
        state.State = new ConnectorProfileState
        {
            Exists = true,
            ConnectorType = previous.ConnectorType,
            ConnectionMode = connectionMode,
            Properties = config.Properties,
            SealedCredentials = protector.Protect(Name, config.Credentials),
            CreatedAt = previous.CreatedAt,
            LastUpdatedAt = now,
            Users = previous.Users,
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
