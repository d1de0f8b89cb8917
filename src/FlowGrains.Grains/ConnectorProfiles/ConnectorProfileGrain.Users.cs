using System.Collections.Immutable;
using FlowGrains.Errors;
using FlowGrains.Grains.Flows;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>The flows that may use the profile, and the refusal to delete it while one does.</summary>
public sealed partial class ConnectorProfileGrain : IConnectorProfileUsers
{
    private const int UsersNamedInConflict = 5;

    // A delete asks the recorded flows this many at a time, so a much-used profile does not wake them all at once.
    private const int FlowsAskedAtOnce = 64;

    /// <inheritdoc />
    public async Task<bool> AddUserAsync(string flowName)
    {
        if (!state.State.Exists)
        {
            return false;
        }

        if (!state.State.Users.Contains(flowName))
        {
            await SaveUsersAsync(state.State.Users.Add(flowName));
        }

        return true;
    }

    /// <inheritdoc />
    public async Task RemoveUserAsync(string flowName)
    {
        // Also after a forced delete: the remembered list must not keep flows that are gone.
        if (state.State.Users.Contains(flowName))
        {
            await SaveUsersAsync(state.State.Users.Remove(flowName));
        }
    }

    /// <summary>The recorded flows that still name the profile, asked afresh: none, or CONFLICT naming them.</summary>
    private async Task<ImmutableSortedSet<string>> RefuseWhileInUseAsync()
    {
        var candidates = state.State.Users;
        var users = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
        foreach (var chunk in candidates.Chunk(FlowsAskedAtOnce))
        {
            var answers = await Task.WhenAll(chunk.Select(flow => GrainFactory.GetGrain<IFlowProfileUse>(flow).UsesConnectorProfileAsync(Name)));
            users.UnionWith(chunk.Where((_, i) => answers[i]));
        }

        if (users.Count == 0)
        {
            return users.ToImmutable();
        }

        if (users.Count < candidates.Count)
        {
            await ForgetStaleUsersAsync(users.ToImmutable());
        }

        var named = string.Join(", ", users.Take(UsersNamedInConflict).Select(flow => $"'{flow}'"));
        var more = users.Count > UsersNamedInConflict ? $" and {users.Count - UsersNamedInConflict} more" : string.Empty;
        throw new FlowOperationException(
            FlowErrorCode.Conflict,
            $"Connector profile '{Name}' is used by flow {named}{more}; update or delete those flows first, or set forceDelete.");
    }

    // Tidying up must not turn the refusal the caller needs into a storage error.
    private async Task ForgetStaleUsersAsync(ImmutableSortedSet<string> users)
    {
        try
        {
            await SaveUsersAsync(users);
        }
        catch (Exception exception)
        {
            GrainsLog.StaleProfileUsersKept(logger, exception, Name);
        }
    }

    private async Task SaveUsersAsync(ImmutableSortedSet<string> users)
    {
        var previous = state.State.Users;
        state.State.Users = users;
        try
        {
            await SaveAsync();
        }
        catch
        {
            state.State.Users = previous;
            throw;
        }
    }

    /// <summary>Stores the state, or clears it when it holds neither a profile nor flows to remember.</summary>
    private async Task SaveAsync()
    {
        if (state.State.Exists || !state.State.Users.IsEmpty)
        {
            await state.WriteStateAsync();
            return;
        }

        await state.ClearStateAsync();
        state.State = new ConnectorProfileState();
    }
}
