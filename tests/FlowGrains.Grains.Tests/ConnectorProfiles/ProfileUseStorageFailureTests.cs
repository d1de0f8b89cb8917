using FlowGrains.Contracts;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Tests.Infrastructure;
using TestFlows = FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.ConnectorProfiles;

/// <summary>A flow moving from one profile to another never leaves the one it still names deletable.</summary>
[Collection(FaultyStorageCollection.Name)]
public sealed class ProfileUseStorageFailureTests(FaultyStorageFixture fixture) : IDisposable
{
    public void Dispose()
    {
        (fixture.Faults.Rule, fixture.Faults.Hold) = (null, null);
        fixture.LedgerFaults.Clear();
    }

    private static bool Of(GrainId grainId, string flowName) => grainId.ToString().Contains(flowName, StringComparison.Ordinal);

    [Fact]
    public async Task AnUpdateWhoseFlowWriteFails_LeavesTheOldProfileInUse()
    {
        var (old, next) = (await CreateProfileAsync(), await CreateProfileAsync());
        var flow = await CreateFlowAsync(old);
        fixture.Faults.Rule = (op, state, id) => op == StorageOperation.Write && state == FlowStorageNames.FlowState && Of(id, flow);

        await Assert.ThrowsAnyAsync<Exception>(() => Flow(flow).UpdateFlowAsync(new UpdateFlowRequest(Definition(next))));
        fixture.Faults.Rule = null;
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(old).DeleteConnectorProfileAsync(forceDelete: false));

        Assert.Equal(FlowErrorCode.Conflict, error.Code);
        Assert.Equal(old, (await Flow(flow).DescribeFlowAsync()).Definition.Source.ConnectorProfileName);
    }

    [Fact]
    public async Task AnUpdateAbandonedWhenItsTokenClaimFails_LeavesTheOldProfileInUse_AndTheNewOneForgetsTheFlow()
    {
        var (old, next) = (await CreateProfileAsync(), await CreateProfileAsync());
        var flow = await CreateFlowAsync(old);
        fixture.LedgerFaults.Before = (method, life) => method == nameof(IFlowLedgerStore.ClaimTokenAsync) && life.FlowName == flow;

        await Assert.ThrowsAnyAsync<Exception>(() => Flow(flow).UpdateFlowAsync(new UpdateFlowRequest(Definition(next), "move-1")));
        fixture.LedgerFaults.Clear();
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(old).DeleteConnectorProfileAsync(forceDelete: false));

        Assert.Equal(FlowErrorCode.Conflict, error.Code);
        Assert.Empty((await StoredAsync(next)).Users);
        Assert.Equal(old, (await Flow(flow).DescribeFlowAsync()).Definition.Source.ConnectorProfileName);
    }

    [Fact]
    public async Task ADeleteOfTheOldProfile_WhileAnUpdateAwaitsItsTokenClaim_IsRefused_AndAllowedOnceTheUpdateIsDone()
    {
        var (old, next) = (await CreateProfileAsync(), await CreateProfileAsync());
        var flow = await CreateFlowAsync(old);
        var (held, release) = (new TaskCompletionSource(), new TaskCompletionSource());
        fixture.LedgerFaults.Hold = (method, _) => method == nameof(IFlowLedgerStore.ClaimTokenAsync) && held.TrySetResult()
            ? release.Task
            : null;
        var update = Flow(flow).UpdateFlowAsync(new UpdateFlowRequest(Definition(next), "move-2"));
        await held.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var during = await Assert.ThrowsAsync<FlowOperationException>(() => Profile(old).DeleteConnectorProfileAsync(forceDelete: false));
        release.SetResult();
        await update;
        await Profile(old).DeleteConnectorProfileAsync(forceDelete: false);

        Assert.Equal(FlowErrorCode.Conflict, during.Code);
        Assert.Null(await Profile(old).DescribeConnectorProfileAsync());
        Assert.Equal([flow], (await StoredAsync(next)).Users);
    }

    private IFlowGrain Flow(string name) => fixture.Grains.GetFlowGrain(name);

    private IConnectorProfileGrain Profile(string name) => fixture.Grains.GetGrain<IConnectorProfileGrain>(name);

    private static FlowDefinition Definition(string profile) =>
        TestFlows.Definition(source: TestFlows.TestConnector() with { ConnectorProfileName = profile });

    private async Task<string> CreateFlowAsync(string profile)
    {
        var name = TestFlows.NewName();
        await Flow(name).CreateFlowAsync(TestFlows.Create(Definition(profile)));
        return name;
    }

    private Task<string> CreateProfileAsync(string? name = null) => TestProfiles.CreateAsync(fixture.Grains, name);

    private Task<ConnectorProfileState> StoredAsync(string profile) => TestProfiles.StoredAsync(fixture.InnerStorage, fixture.Grains, profile);
}
