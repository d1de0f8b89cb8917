using System.Text;
using FlowGrains.Connectors;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TestFlows = FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.ConnectorProfiles;

/// <summary>
/// Profile properties a connector calls secret (the <see cref="TestConnector"/>'s <c>secret.*</c>, as the Http
/// connector's token headers): sealed, stored and described as ***, given back to runs as set, kept by an update
/// that sends *** back, and part of a clientToken's fingerprint (through the keyed digest).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectorProfileSecretPropertiesTests(ClusterFixture fixture)
{
    private const string Secret = "sp-value-9931";

    private static ConnectorProfileConfig Config(string secret, string host = "db.local") =>
        new(TestFlows.Map(("host", host), ("secret.token", secret)), TestFlows.Map(("password", "pw")));

    private (string Name, IConnectorProfileGrain Grain) NewProfile()
    {
        var name = $"p-{Guid.NewGuid():N}";
        return (name, fixture.Grains.GetGrain<IConnectorProfileGrain>(name));
    }

    private Task<ConnectorProfileSettings?> ResolveAsync(string name) =>
        fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<ConnectorProfileResolver>()
            .ResolveAsync(new ConnectorConfig(TestConnector.TypeName, TestFlows.Map(), name));

    [Fact]
    public async Task SecretProperty_IsStoredAndDescribedAsTheMask_AndSealedApart()
    {
        var (name, profile) = NewProfile();

        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config(Secret)));

        var stored = await TestProfiles.StoredAsync(fixture.FlowsStorage, fixture.Grains, name);
        var described = await profile.DescribeConnectorProfileAsync();
        Assert.Equal(TestFlows.Map(("host", "db.local"), ("secret.token", "***")), stored.Properties);
        Assert.Equal(TestFlows.Map(("host", "db.local"), ("secret.token", "***")), described!.Properties);
        Assert.NotEmpty(stored.SealedProperties);
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(stored.SealedProperties));
        Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(stored.SealedCredentials));
    }

    [Fact]
    public async Task SecretProperty_ReachesRunsAsSet()
    {
        var (name, profile) = NewProfile();
        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config(Secret)));

        var settings = await ResolveAsync(name);

        Assert.Equal(new Dictionary<string, string> { ["host"] = "db.local", ["secret.token"] = Secret }, settings!.Properties);
        Assert.Equal(new Dictionary<string, string> { ["password"] = "pw" }, settings.Credentials);
    }

    [Fact]
    public async Task UpdateSendingTheMaskBack_KeepsTheStoredSecret_AndAnotherValueReplacesIt()
    {
        var (name, profile) = NewProfile();
        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config(Secret)));
        var described = await profile.DescribeConnectorProfileAsync();

        await profile.UpdateConnectorProfileAsync(new UpdateConnectorProfileRequest("Public", new ConnectorProfileConfig(
            described!.Properties.SetItem("host", "db2.local"), TestFlows.Map(("password", "pw")))));
        var kept = await ResolveAsync(name);
        await profile.UpdateConnectorProfileAsync(new UpdateConnectorProfileRequest("Public", Config("sp-new-value")));
        var replaced = await ResolveAsync(name);

        Assert.Equal(("db2.local", Secret), (kept!.Properties["host"], kept.Properties["secret.token"]));
        Assert.Equal("sp-new-value", replaced!.Properties["secret.token"]);
    }

    [Fact]
    public async Task TheMaskWithNoStoredValue_IsAValidationErrorNamingTheProperty()
    {
        var (_, profile) = NewProfile();
        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config(Secret)));
        var update = new ConnectorProfileConfig(TestFlows.Map(("host", "db.local"), ("secret.other", "***")), TestFlows.Map(("password", "pw")));

        var onUpdate = await Assert.ThrowsAsync<FlowOperationException>(() =>
            profile.UpdateConnectorProfileAsync(new UpdateConnectorProfileRequest("Public", update)));
        var onCreate = await Assert.ThrowsAsync<FlowOperationException>(() => NewProfile().Grain.CreateConnectorProfileAsync(
            new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config("***"))));

        Assert.Equal(FlowErrorCode.ValidationError, onUpdate.Code);
        Assert.Equal(
            "connectorProfileConfig.connectorProfileProperties.Test.secret.other: is ***, which keeps a stored secret, but the profile has no stored value for it; send the value.",
            onUpdate.Message);
        Assert.Equal(
            "connectorProfileConfig.connectorProfileProperties.Test.secret.token: is ***, which keeps a stored secret, but the profile has no stored value for it; send the value.",
            onCreate.Message);
    }

    [Fact]
    public async Task TheSameTokenWithAnotherSecretValue_IsClientTokenMismatch()
    {
        var (_, profile) = NewProfile();
        await profile.CreateConnectorProfileAsync(new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config(Secret), ClientToken: "sp-1"));

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => profile.CreateConnectorProfileAsync(
            new CreateConnectorProfileRequest(TestConnector.TypeName, "Public", Config("sp-guess"), ClientToken: "sp-1")));

        Assert.Equal(FlowErrorCode.ClientTokenMismatch, error.Code);
    }

    [Fact]
    public async Task ProfileSavedBeforeThePropertyWasSecret_IsDescribedMasked_AndStillRuns()
    {
        var (name, profile) = NewProfile();
        var legacy = new GrainState<ConnectorProfileState>(new ConnectorProfileState
        {
            Exists = true, ConnectorType = TestConnector.TypeName, ConnectionMode = "Public", Properties = Config(Secret).Properties,
            SealedCredentials = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<CredentialProtector>().Protect(name, TestFlows.Map(("password", "pw"))),
        });
        await fixture.FlowsStorage.WriteStateAsync(FlowStorageNames.ConnectorProfileState, profile.GetGrainId(), legacy);

        var described = await profile.DescribeConnectorProfileAsync();
        var settings = await ResolveAsync(name);

        Assert.Equal(TestFlows.Map(("host", "db.local"), ("secret.token", "***")), described!.Properties);
        Assert.Equal(Secret, settings!.Properties["secret.token"]);
    }
}
