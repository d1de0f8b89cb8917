using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using Orleans.Storage;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Connector profiles of the <see cref="TestConnector"/> type, and what storage holds of them.</summary>
public static class TestProfiles
{
    /// <summary>Creates a profile named <paramref name="name"/> (a new name by default) and returns its name.</summary>
    public static async Task<string> CreateAsync(IGrainFactory grains, string? name = null)
    {
        name ??= $"p-{Guid.NewGuid():N}";
        await grains.GetGrain<IConnectorProfileGrain>(name).CreateConnectorProfileAsync(new CreateConnectorProfileRequest(
            TestConnector.TypeName, "Public", new ConnectorProfileConfig(Flows.Map(("host", "db.local")), Flows.Map(("password", "x")))));
        return name;
    }

    /// <summary>The profile's stored state; an empty one when storage holds nothing.</summary>
    public static async Task<ConnectorProfileState> StoredAsync(IGrainStorage storage, IGrainFactory grains, string name)
    {
        var stored = new GrainState<ConnectorProfileState>(new ConnectorProfileState());
        await storage.ReadStateAsync(FlowStorageNames.ConnectorProfileState, grains.GetGrain<IConnectorProfileGrain>(name).GetGrainId(), stored);
        return stored.State ?? new ConnectorProfileState();
    }
}
