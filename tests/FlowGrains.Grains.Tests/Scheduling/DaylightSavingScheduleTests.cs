using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>
/// Daily cron flows driven by reminders across DST changes in two time zones, minute by simulated minute:
/// a slot that does not exist on a spring-forward day runs once at the next valid instant, and a slot in
/// the hour repeated on a fall-back day runs once.
/// </summary>
[Collection(DaylightSavingCollection.Name)]
public sealed class DaylightSavingScheduleTests(ScheduleClusterFixture fixture)
{
    // The cases share one clock that only moves forward, so one test walks them in time order.
    [Fact]
    public async Task DailyCronSlots_AcrossSpringForwardAndFallBack_InBerlinAndNewYork_RunOnceEach()
    {
        // New York springs forward on 14 March: 02:30 does not exist, the slot runs at 03:00 EDT.
        await RunDailyAsync("cron(30 2 * * ? *)", "America/New_York", "2027-03-13T04:00:00Z", "2027-03-13T07:30:00Z", "2027-03-14T07:00:00Z", "2027-03-15T06:30:00Z");

        // Berlin springs forward on 28 March: 02:30 does not exist, the slot runs at 03:00 CEST.
        await RunDailyAsync("cron(30 2 * * ? *)", "Europe/Berlin", "2027-03-26T22:00:00Z", "2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z");

        // Berlin falls back on 31 October: 02:00-03:00 comes twice, the 02:30 slot runs once (the first time).
        await RunDailyAsync("cron(30 2 * * ? *)", "Europe/Berlin", "2027-10-30T00:00:00Z", "2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z", "2027-11-01T01:30:00Z");

        // New York falls back on 7 November: 01:00-02:00 comes twice, the 01:30 slot runs once (the first time).
        await RunDailyAsync("cron(30 1 * * ? *)", "America/New_York", "2027-11-06T04:00:00Z", "2027-11-06T05:30:00Z", "2027-11-07T05:30:00Z", "2027-11-08T06:30:00Z");
    }

    private async Task RunDailyAsync(string expression, string zone, string fromText, params string[] slots)
    {
        var from = DateTimeOffset.Parse(fromText);
        var expected = slots.Select(DateTimeOffset.Parse).ToList();
        fixture.Time.SetUtcNow(from);

        var flow = fixture.Grains.GetFlowGrain(NewName("dst"));
        await flow.CreateFlowAsync(Create(new FlowDefinition(
            new TriggerConfig(TriggerType.Scheduled, new ScheduledTriggerProperties(expression, Timezone: zone)), TestConnector(), [TestConnector()], [])));
        await flow.StartFlowAsync(Start(null));

        // Minute by minute, as a running clock would go, until half an hour past the last expected slot.
        while (fixture.Time.GetUtcNow() < expected[^1].AddMinutes(30))
        {
            fixture.Time.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(2);
        }

        var records = await Eventually.MatchesAsync(
            async () => (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions,
            list => list.Length >= expected.Count && list.All(r => r.ExecutionStatus == ExecutionStatus.Successful),
            $"{expected.Count} runs to end");
        await flow.StopFlowAsync();

        Assert.Equal(
            expected.Select(slot => slot.UtcDateTime),
            records.Select(r => r.DataPullEndTime!.Value.UtcDateTime).Order());
    }
}

[CollectionDefinition(Name)]
public sealed class DaylightSavingCollection : ICollectionFixture<ScheduleClusterFixture>
{
    public const string Name = "DaylightSaving";
}
