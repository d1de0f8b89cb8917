using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>A scheduled flow that nobody calls still has its old run records removed after the retention, by its ticks.</summary>
[Collection(ScheduledRetentionCollection.Name)]
public sealed class ScheduledRetentionTests(ScheduleClusterFixture fixture)
{
    [Fact]
    public async Task RecordsOfAScheduledFlow_OlderThanTheRetention_AreRemovedByItsTicks()
    {
        var name = NewName("retained");
        var flow = fixture.Grains.GetFlowGrain(name);
        await flow.CreateFlowAsync(Create(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties("rate(1minute)")), TestConnector(), [TestConnector()], [])));
        await flow.StartFlowAsync(Start(null));
        await AdvanceUntilAsync(flow, records => records >= 60, TimeSpan.FromSeconds(15));

        // Ninety-one days on, the ticks go on; each one may sweep.
        fixture.Time.SetUtcNow(fixture.Time.GetUtcNow().AddDays(91));
        await AdvanceUntilAsync(flow, _ => false, TimeSpan.FromSeconds(15), limit: TimeSpan.FromMinutes(3));

        var state = await fixture.StoredFlowStateAsync(flow);
        Assert.Equal(1, state.FirstRetainedPage);
        Assert.False((await fixture.StoredPageAsync(name, state.Incarnation!, 0)).RecordExists);
        Assert.True((await fixture.StoredPageAsync(name, state.Incarnation!, 1)).RecordExists);
    }

    private async Task AdvanceUntilAsync(IFlowGrain flow, Func<int, bool> done, TimeSpan step, TimeSpan? limit = null)
    {
        var end = fixture.Time.GetUtcNow() + (limit ?? TimeSpan.FromHours(2));
        while (fixture.Time.GetUtcNow() < end)
        {
            var records = await flow.DescribeFlowExecutionRecordsAsync(100, null);
            if (done(records.FlowExecutions.Count(r => r.ExecutionStatus == ExecutionStatus.Successful)))
            {
                return;
            }

            fixture.Time.Advance(step);
            await Task.Delay(5);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ScheduledRetentionCollection : ICollectionFixture<ScheduleClusterFixture>
{
    public const string Name = "ScheduledRetention";
}
