using System.Collections.Immutable;
using System.Text;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tests.Infrastructure;

namespace FlowGrains.Grains.Tests.ConnectorProfiles;

[Collection(ClusterCollection.Name)]
public sealed class ConnectorProfileStorageTests(ClusterFixture fixture)
{
    private static ImmutableSortedDictionary<string, string> Map(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public async Task StoredProfile_HoldsItsCredentialsOnlyEncrypted()
    {
        var name = $"p-{Guid.NewGuid():N}";
        var profile = fixture.Grains.GetGrain<IConnectorProfileGrain>(name);

        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(
            TestConnector.TypeName, "Public", new ConnectorProfileConfig(Map(("host", "db.local")), Map(("password", "plain-secret-42")))));

        var stored = new GrainState<ConnectorProfileState>(new ConnectorProfileState());
        await fixture.FlowsStorage.ReadStateAsync(FlowStorageNames.ConnectorProfileState, profile.GetGrainId(), stored);
        Assert.True(stored.State!.Exists);
        Assert.Equal("db.local", stored.State.Properties["host"]);
        Assert.DoesNotContain("password", stored.State.Properties.Keys);
        Assert.NotEmpty(stored.State.SealedCredentials);
        Assert.DoesNotContain("plain-secret-42", Encoding.UTF8.GetString(stored.State.SealedCredentials));
        Assert.DoesNotContain("plain-secret-42", (await profile.DescribeConnectorProfileAsync())!.ToString());
    }

    [Fact]
    public async Task Delete_ClearsTheStoredProfile()
    {
        var name = $"p-{Guid.NewGuid():N}";
        var profile = fixture.Grains.GetGrain<IConnectorProfileGrain>(name);
        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(
            TestConnector.TypeName, "Public", new ConnectorProfileConfig(Map(), Map(("password", "x")))));

        await profile.DeleteConnectorProfileAsync(forceDelete: false);

        var stored = new GrainState<ConnectorProfileState>(new ConnectorProfileState());
        await fixture.FlowsStorage.ReadStateAsync(FlowStorageNames.ConnectorProfileState, profile.GetGrainId(), stored);
        Assert.False(stored.State!.Exists);
        Assert.Empty(stored.State.SealedCredentials);
        Assert.Null(await profile.DescribeConnectorProfileAsync());
    }

    [Fact]
    public async Task AConnectorThatTakesNoProfile_RefusesSettings()
    {
        var profile = fixture.Grains.GetGrain<IConnectorProfileGrain>($"p-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(
            "LocalFolder", "Public", new ConnectorProfileConfig(Map(("a", "b")), Map()))));

        Assert.Equal("connectorProfileConfig: connector type 'LocalFolder' takes no connector profile settings.", error.Message);
    }
}
