using FlowGrains.Contracts;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Tests.Infrastructure;
using TestFlows = FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.ConnectorProfiles;

/// <summary>delete-connector-profile refuses a profile that flows name, unless forceDelete is set.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectorProfileInUseTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Delete_WhileAFlowNamesTheProfile_IsConflictNamingTheFlow_AndKeepsTheProfile()
    {
        var profile = await CreateProfileAsync();
        var flow = await CreateFlowAsync(destinationProfile: profile);

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(profile).DeleteConnectorProfileAsync(forceDelete: false));

        Assert.Equal(FlowErrorCode.Conflict, error.Code);
        Assert.Equal($"Connector profile '{profile}' is used by flow '{flow}'; update or delete those flows first, or set forceDelete.", error.Message);
        Assert.NotNull(await Profile(profile).DescribeConnectorProfileAsync());
    }

    [Fact]
    public async Task ForceDelete_WhileAFlowNamesTheProfile_DeletesIt()
    {
        var profile = await CreateProfileAsync();
        await CreateFlowAsync(sourceProfile: profile);

        await Profile(profile).DeleteConnectorProfileAsync(forceDelete: true);

        Assert.Null(await Profile(profile).DescribeConnectorProfileAsync());
    }

    [Fact]
    public async Task Delete_AfterTheFlowIsDeleted_Succeeds()
    {
        var profile = await CreateProfileAsync();
        var flow = await CreateFlowAsync(sourceProfile: profile);
        await fixture.Grains.GetFlowGrain(flow).DeleteFlowAsync(forceDelete: false);
        var usersAfterFlowDelete = (await StoredAsync(profile)).Users;

        await Profile(profile).DeleteConnectorProfileAsync(forceDelete: false);

        Assert.Empty(usersAfterFlowDelete);
        Assert.Null(await Profile(profile).DescribeConnectorProfileAsync());
    }

    [Fact]
    public async Task Delete_AfterTheFlowMovedToAnotherProfile_Succeeds_AndTheOtherIsInUse()
    {
        var (first, second) = (await CreateProfileAsync(), await CreateProfileAsync());
        var flow = await CreateFlowAsync(sourceProfile: first);
        await fixture.Grains.GetFlowGrain(flow).UpdateFlowAsync(new UpdateFlowRequest(Definition(sourceProfile: second), null));

        var (firstUsers, secondUsers) = ((await StoredAsync(first)).Users, (await StoredAsync(second)).Users);
        await Profile(first).DeleteConnectorProfileAsync(forceDelete: false);
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(second).DeleteConnectorProfileAsync(forceDelete: false));

        Assert.Empty(firstUsers);
        Assert.Equal([flow], secondUsers);
        Assert.Null(await Profile(first).DescribeConnectorProfileAsync());
        Assert.Equal(FlowErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task Delete_NamesAtMostFiveFlows_InNameOrder_AndCountsTheRest()
    {
        var profile = await CreateProfileAsync();
        var prefix = TestFlows.NewName("many");
        foreach (var i in Enumerable.Range(1, 7))
        {
            await CreateFlowAsync(sourceProfile: profile, name: $"{prefix}-{i}");
        }

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(profile).DeleteConnectorProfileAsync(forceDelete: false));

        var named = string.Join(", ", Enumerable.Range(1, 5).Select(i => $"'{prefix}-{i}'"));
        Assert.Equal($"Connector profile '{profile}' is used by flow {named} and 2 more; update or delete those flows first, or set forceDelete.", error.Message);
    }

    [Fact]
    public async Task Delete_ForgetsRecordedFlowsThatNoLongerNameTheProfile()
    {
        var profile = await CreateProfileAsync();
        var user = await CreateFlowAsync(sourceProfile: profile);
        var stale = TestFlows.NewName("gone");
        Assert.True(await fixture.Grains.GetGrain<IConnectorProfileUsers>(profile).AddUserAsync(stale));

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(profile).DeleteConnectorProfileAsync(forceDelete: false));

        Assert.Equal($"Connector profile '{profile}' is used by flow '{user}'; update or delete those flows first, or set forceDelete.", error.Message);
        Assert.Equal([user], (await StoredAsync(profile)).Users);
    }

    [Fact]
    public async Task APlainDelete_LeavesNothingBehind_SoAProfileCreatedAgainKnowsNoFlows()
    {
        var profile = await CreateProfileAsync();
        Assert.True(await fixture.Grains.GetGrain<IConnectorProfileUsers>(profile).AddUserAsync(TestFlows.NewName("gone")));

        await Profile(profile).DeleteConnectorProfileAsync(forceDelete: false);
        var deleted = await StoredAsync(profile);
        await CreateProfileAsync(profile);

        Assert.False(deleted.Exists);
        Assert.Empty(deleted.Users);
        Assert.Empty((await StoredAsync(profile)).Users);
    }

    [Fact]
    public async Task AFlowDeletedAfterAForcedDelete_IsForgotten()
    {
        var profile = await CreateProfileAsync();
        var flow = await CreateFlowAsync(sourceProfile: profile);
        await Profile(profile).DeleteConnectorProfileAsync(forceDelete: true);
        var remembered = (await StoredAsync(profile)).Users;

        await fixture.Grains.GetFlowGrain(flow).DeleteFlowAsync(forceDelete: false);

        Assert.Equal([flow], remembered);
        Assert.Empty((await StoredAsync(profile)).Users);
    }

    [Fact]
    public async Task ACreateThatFailsItsChecks_LeavesNoFlowRecorded()
    {
        var (profile, missing) = (await CreateProfileAsync(), $"p-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => CreateFlowAsync(sourceProfile: profile, destinationProfile: missing));

        Assert.Equal($"destinationFlowConfigList[0].connectorProfileName: connector profile '{missing}' does not exist.", error.Message);
        Assert.Empty((await StoredAsync(profile)).Users);
    }

    [Fact]
    public async Task AProfileCreatedAgainAfterAForcedDelete_StillKnowsTheFlowsThatNameIt()
    {
        var profile = await CreateProfileAsync();
        var flow = await CreateFlowAsync(sourceProfile: profile);
        await Profile(profile).DeleteConnectorProfileAsync(forceDelete: true);
        await CreateProfileAsync(profile);

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(profile).DeleteConnectorProfileAsync(forceDelete: false));

        Assert.Equal($"Connector profile '{profile}' is used by flow '{flow}'; update or delete those flows first, or set forceDelete.", error.Message);
    }

    [Fact]
    public async Task Delete_DuringTheCreateOfAFlowNamingTheProfile_IsConflict_AndTheCreateCompletes()
    {
        var profile = await CreateProfileAsync();
        var flow = TestFlows.NewName();
        var gate = $"describe-{flow}";
        var definition = Definition(sourceProfile: profile) with { Source = new ConnectorConfig(TestConnector.TypeName, TestFlows.Map(("describeGate", gate)), profile) };
        var create = fixture.Grains.GetFlowGrain(flow).CreateFlowAsync(TestFlows.Create(definition));
        await fixture.Connector.WaitUntilStartedAsync(gate);

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(profile).DeleteConnectorProfileAsync(forceDelete: false));
        fixture.Connector.OpenGate(gate);
        var created = await create;

        Assert.Equal($"Connector profile '{profile}' is used by flow '{flow}'; update or delete those flows first, or set forceDelete.", error.Message);
        Assert.Equal(FlowStatus.Active, created.FlowStatus);
    }

    [Fact]
    public async Task CreatingAFlow_AfterItsProfileWasDeleted_IsValidationError()
    {
        var profile = await CreateProfileAsync();
        await Profile(profile).DeleteConnectorProfileAsync(forceDelete: false);

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => CreateFlowAsync(destinationProfile: profile));

        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        Assert.Equal($"destinationFlowConfigList[0].connectorProfileName: connector profile '{profile}' does not exist.", error.Message);
    }

    private IConnectorProfileGrain Profile(string name) => fixture.Grains.GetGrain<IConnectorProfileGrain>(name);

    private Task<string> CreateProfileAsync(string? name = null) => TestProfiles.CreateAsync(fixture.Grains, name);

    private Task<ConnectorProfileState> StoredAsync(string profile) => TestProfiles.StoredAsync(fixture.FlowsStorage, fixture.Grains, profile);

    private static FlowDefinition Definition(string? sourceProfile = null, string? destinationProfile = null) => TestFlows.Definition(
        source: TestFlows.TestConnector() with { ConnectorProfileName = sourceProfile },
        destination: TestFlows.TestConnector() with { ConnectorProfileName = destinationProfile });

    private async Task<string> CreateFlowAsync(string? sourceProfile = null, string? destinationProfile = null, string? name = null)
    {
        name ??= TestFlows.NewName();
        await fixture.Grains.GetFlowGrain(name).CreateFlowAsync(TestFlows.Create(Definition(sourceProfile, destinationProfile)));
        return name;
    }
}
