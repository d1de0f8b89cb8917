using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Flows;

/// <summary>Run records are kept for the retention (90 days by default), then removed from storage a page at a time.</summary>
[Collection(ClusterCollection.Name)]
public sealed class RecordRetentionTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RecordsOlderThanTheRetention_AreRemovedFromStorage_AndListingsEndAtTheOldestKept()
    {
        var name = NewName();
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create());
        var started = new List<string>();
        for (var i = 0; i < 80; i++)
        {
            started.Add((await flow.StartFlowAsync(Start($"old-{i}"))).ExecutionId!);
        }

        await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions,
            records => records.All(r => r.ExecutionStatus == ExecutionStatus.Successful),
            "the 80 runs to end");

        fixture.Time.Advance(TimeSpan.FromDays(90) + TimeSpan.FromHours(1));
        started.Add((await flow.StartFlowAsync(Start("recent"))).ExecutionId!);
        var listed = (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions;
        var state = await fixture.StoredFlowStateAsync(flow);

        // Pages 0 and 1 (runs 0-49) are gone; page 2 stays as one of the two newest pages, however old.
        Assert.Equal(started[50..].AsEnumerable().Reverse(), listed.Select(r => r.ExecutionId));
        Assert.Equal(2, state.FirstRetainedPage);
        Assert.False((await fixture.StoredPageAsync(name, state.Incarnation!, 0)).RecordExists);
        Assert.False((await fixture.StoredPageAsync(name, state.Incarnation!, 1)).RecordExists);
        Assert.True((await fixture.StoredPageAsync(name, state.Incarnation!, 2)).RecordExists);
    }

    [Fact]
    public async Task RecordsWithinTheRetention_AreKept()
    {
        var flow = fixture.Grains.GetFlowGrain(NewName());
        await flow.CreateFlowAsync(Create());
        for (var i = 0; i < 80; i++)
        {
            await flow.StartFlowAsync(Start($"kept-{i}"));
        }

        fixture.Time.Advance(TimeSpan.FromDays(89));
        await flow.StartFlowAsync(Start("later"));

        var listed = (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions;
        Assert.Equal(81, listed.Length);
    }
}
