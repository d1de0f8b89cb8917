using FlowGrains.Contracts;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Grains.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Tokens;

/// <summary>Stored token outcomes are removed once they expire, so storage holds only recent tokens.</summary>
[Collection(ClusterCollection.Name)]
public sealed class TokenSweepTests(ClusterFixture fixture)
{
    private IGrainStorage Storage => fixture.FlowsStorage;

    private Task<FlowState> StateOfAsync(IFlowGrain flow) => fixture.StoredFlowStateAsync(flow);

    private async Task<bool> StoredAsync(string key) => (await new ClientTokenStore(Storage).ReadAsync(key)).RecordExists;

    [Fact]
    public async Task ExpiredRunTokens_AreRemovedFromStorage_ByALaterCall()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        for (var i = 0; i < 30; i++)
        {
            await flow.StartFlowAsync(Start($"sweep-{i}"));
        }

        var scope = new ClientTokenScope(name, (await StateOfAsync(flow)).Incarnation!, ClientTokenScope.Start);
        Assert.True(await StoredAsync(scope.KeyOf("sweep-0")));

        fixture.Time.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(11));
        await flow.StartFlowAsync(Start("sweep-late"));

        Assert.False(await StoredAsync(scope.KeyOf("sweep-0")));
        Assert.False(await StoredAsync(scope.KeyOf("sweep-24")));
        Assert.True(await StoredAsync(scope.KeyOf("sweep-late")));
        Assert.Equal(1, (await StateOfAsync(flow)).OldestTokenPage);
    }

    [Fact]
    public async Task ExpiredActivationTokens_AreRemovedFromStorage_OnePageOfTheJournalAtATime()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(Definition(FlowGrains.Contracts.Flows.TriggerType.Event)));
        for (var i = 0; i < 26; i++)
        {
            await flow.StartFlowAsync(Start($"activate-{i}"));
            await flow.StopFlowAsync();
        }

        var scope = new ClientTokenScope(name, (await StateOfAsync(flow)).Incarnation!, ClientTokenScope.Start);
        fixture.Time.Advance(TimeSpan.FromHours(9));
        await flow.StartFlowAsync(Start("activate-new"));

        Assert.False(await StoredAsync(scope.KeyOf("activate-0")));
        Assert.False(await StoredAsync(scope.KeyOf("activate-24")));
        Assert.True(await StoredAsync(scope.KeyOf("activate-new")));
        var state = await StateOfAsync(flow);
        Assert.Equal(2, state.TokenJournalPageCount);
        Assert.Equal(1, state.OldestJournalPage);
    }

    [Fact]
    public async Task DeletingAFlow_RemovesItsStartTokens_ButKeepsItsCreateToken()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        var created = await flow.CreateFlowAsync(Create(clientToken: "create-kept"));
        await flow.StartFlowAsync(Start("start-gone"));
        var scope = new ClientTokenScope(name, (await StateOfAsync(flow)).Incarnation!, ClientTokenScope.Start);
        await Eventually.MatchesAsync(
            () => flow.DescribeFlowExecutionRecordsAsync(1, null),
            page => page.FlowExecutions[0].ExecutionStatus == FlowGrains.Contracts.Executions.ExecutionStatus.Successful,
            "the run to finish before the flow is deleted");

        await flow.DeleteFlowAsync(false);

        Assert.False(await StoredAsync(scope.KeyOf("start-gone")));
        Assert.Equal(created, await flow.CreateFlowAsync(Create(clientToken: "create-kept")));
        Assert.Null(await flow.GetSummaryAsync());
    }
}
