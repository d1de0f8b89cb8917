using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Validation;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// The flow's part in refusing to delete a connector profile it names: it records itself with each
/// profile before it stores a definition naming it, and answers a profile's question whether it still does.
/// </summary>
public sealed partial class FlowGrain : IFlowProfileUse
{
    // While a create or update runs, the definitions it moves between (stored, new, or restored if it is
    // abandoned) all count as using their profiles.
    private readonly List<FlowDefinition> _definitionsInProgress = [];

    /// <inheritdoc />
    public Task<bool> UsesConnectorProfileAsync(string connectorProfileName) => Task.FromResult(
        _definitionsInProgress.Prepend(State.Definition).Any(definition => ProfileNames(definition).Contains(connectorProfileName)));

    /// <summary>
    /// Records the flow with every profile <paramref name="definition"/> names, then checks the definition
    /// against its profiles and source. When either fails, the profiles the stored definition does not name
    /// forget the flow again.
    /// </summary>
    private async Task RecordAndCheckConnectionsAsync(FlowDefinition definition)
    {
        if (State.Definition is { } stored)
        {
            _definitionsInProgress.Add(stored);
        }

        _definitionsInProgress.Add(definition);
        try
        {
            await RecordProfileUseAsync(definition);
            await FlowConnectionValidator.ValidateAsync(definition, connectors, profiles, egress);
        }
        catch
        {
            await ForgetProfileUseAsync(definition, State.Definition);
            throw;
        }
    }

    private async Task RecordProfileUseAsync(FlowDefinition definition)
    {
        var configs = definition.Destinations.Select((config, i) => (Config: config, Path: $"destinationFlowConfigList[{i}]")).Prepend((definition.Source, "sourceFlowConfig"));
        foreach (var (config, path) in configs)
        {
            var field = $"{path}.connectorProfileName";
            if (config.ConnectorProfileName is { } profile &&
                !await GrainFactory.GetGrain<IConnectorProfileUsers>(ConnectorProfileName.ToGrainKey(profile, field)).AddUserAsync(Name))
            {
                throw FlowOperationException.Invalid(field, $"connector profile '{profile}' does not exist.");
            }
        }
    }

    /// <summary>Tells the profiles <paramref name="before"/> named, and <paramref name="after"/> does not, that the flow no longer uses them.</summary>
    private async Task ForgetProfileUseAsync(FlowDefinition? before, FlowDefinition? after)
    {
        var unused = ProfileNames(before).Except(ProfileNames(after), StringComparer.Ordinal);
        foreach (var profile in unused)
        {
            try
            {
                await GrainFactory.GetGrain<IConnectorProfileUsers>(profile).RemoveUserAsync(Name);
            }
            catch (Exception exception)
            {
                // A profile that keeps a stale user only asks this flow once more when it is deleted.
                GrainsLog.ProfileUseNotForgotten(logger, exception, Name, profile);
            }
        }
    }

    private static HashSet<string> ProfileNames(FlowDefinition? definition) => definition is null
        ? []
        : definition.Destinations.Prepend(definition.Source)
            .Select(config => config.ConnectorProfileName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}
