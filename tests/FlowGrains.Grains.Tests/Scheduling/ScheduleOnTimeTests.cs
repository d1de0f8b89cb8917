using Microsoft.Extensions.DependencyInjection;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>
/// Runs start at their slot's own time, however the flow's activation falls: the clock is moved exactly
/// to each run time and stands there, so a run that started at any other moment would show it.
/// </summary>
[Collection(ScheduleClusterCollection.Name)]
public sealed class ScheduleOnTimeTests(ScheduleClusterFixture fixture)
{
    private Task<IFlowGrain> ActivateAsync(ScheduledTriggerProperties schedule) => ActivateScheduledAsync(fixture.Grains, "on-time", schedule);

    private static Task<List<ExecutionRecord>> RecordsAsync(IFlowGrain flow) => RecordsByStartAsync(flow);

    private Task<List<ExecutionRecord>> RunsAsync(IFlowGrain flow, int count) =>
        Eventually.MatchesAsync(() => RecordsAsync(flow), r => r.Count == count, $"{count} run(s)");

    private void MoveTo(DateTimeOffset time) => fixture.Time.Advance(time - fixture.Time.GetUtcNow());

    private void MoveToSecondOfMinute(double second)
    {
        var now = fixture.Time.GetUtcNow();
        var into = TimeSpan.FromTicks(now.UtcTicks % TimeSpan.TicksPerMinute);
        var wanted = TimeSpan.FromSeconds(second);
        fixture.Time.Advance(wanted > into ? wanted - into : wanted - into + TimeSpan.FromMinutes(1));
    }

    private DateTimeOffset NextWholeMinute()
    {
        var now = fixture.Time.GetUtcNow().UtcTicks;
        return new DateTimeOffset(now - (now % TimeSpan.TicksPerMinute) + TimeSpan.TicksPerMinute, TimeSpan.Zero);
    }

    [Fact]
    public async Task AMinutelyCronActivatedAt47Seconds_StartsEveryRunOnTheMinute()
    {
        MoveToSecondOfMinute(47);
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"));
        var first = NextWholeMinute();
        Assert.Equal(first, (await flow.DescribeFlowAsync()).NextScheduledRunAt);

        List<ExecutionRecord> runs = [];
        for (var slot = 0; slot < 3; slot++)
        {
            MoveTo(first.AddMinutes(slot));
            runs = await RunsAsync(flow, slot + 1);
        }

        DateTimeOffset[] slots = [first, first.AddMinutes(1), first.AddMinutes(2)];
        Assert.Equal(slots, runs.Select(r => r.StartedAt));
        Assert.Equal(slots, runs.Select(r => r.DataPullEndTime!.Value));
        Assert.Equal(first.AddMinutes(3), (await flow.DescribeFlowAsync()).NextScheduledRunAt);
    }

    [Fact]
    public async Task ADailyCronInATimeZone_WithAnOffset_StartsAtItsLocalNoonPlusTheOffset()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0 12 * * ? *)", Timezone: "America/New_York", ScheduleOffset: 30));
        var local = TimeZoneInfo.ConvertTime(fixture.Time.GetUtcNow(), zone);
        var noon = new DateTimeOffset(local.Year, local.Month, local.Day, 12, 0, 0, local.Offset);
        var runAt = (noon > local ? noon : noon.AddDays(1)).AddSeconds(30).ToUniversalTime();
        Assert.Equal(runAt, (await flow.DescribeFlowAsync()).NextScheduledRunAt);

        MoveTo(runAt.AddSeconds(-5));
        var before = await RecordsAsync(flow);
        MoveTo(runAt);
        var run = Assert.Single(await RunsAsync(flow, 1));

        Assert.Empty(before);
        Assert.Equal(runAt, run.StartedAt);
        Assert.Equal(runAt.AddDays(1), (await flow.DescribeFlowAsync()).NextScheduledRunAt);
    }

    [Fact]
    public async Task ARateFlow_RunsAtItsActivation_ThenEveryPeriodFromIt_ToTheTick()
    {
        MoveToSecondOfMinute(13.5);
        var activatedAt = fixture.Time.GetUtcNow();
        var flow = await ActivateAsync(new ScheduledTriggerProperties("rate(5minutes)"));
        var first = Assert.Single(await RunsAsync(flow, 1));

        // Short of the one second in which an early tick waits for its slot, so the flow answers at once.
        MoveTo(activatedAt.AddMinutes(5).AddSeconds(-5));
        var beforeSecond = await RecordsAsync(flow);
        MoveTo(activatedAt.AddMinutes(5));
        var runs = await RunsAsync(flow, 2);

        Assert.Single(beforeSecond);
        Assert.Equal(activatedAt, first.StartedAt);
        Assert.Equal([activatedAt, activatedAt.AddMinutes(5)], runs.Select(r => r.StartedAt));
        Assert.Equal(activatedAt.AddMinutes(10), (await flow.DescribeFlowAsync()).NextScheduledRunAt);
    }

    [Fact]
    public async Task TheScheduleReminder_IsRegisteredOnTheSlots_AndAReminderOffThemIsMovedOntoThem()
    {
        MoveToSecondOfMinute(47);
        var flow = await ActivateAsync(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"));
        var reminders = fixture.Cluster.Silos[0].ServiceProvider.GetRequiredService<Orleans.IReminderTable>();
        var registered = (await reminders.ReadRow(flow.GetGrainId(), "schedule"))!;

        // As a reminder of an earlier build would tick: a second after its activation, every minute.
        var offTheSlots = registered.StartAt.AddSeconds(-12);
        await flow.AsReference<IRemindable>().ReceiveReminder("schedule", new TickStatus(offTheSlots, TimeSpan.FromMinutes(1), offTheSlots));
        var moved = (await reminders.ReadRow(flow.GetGrainId(), "schedule"))!;

        Assert.Equal(0, registered.StartAt.Ticks % TimeSpan.TicksPerMinute);
        Assert.Equal(TimeSpan.FromMinutes(1), registered.Period);
        Assert.NotEqual(registered.ETag, moved.ETag);
        Assert.Equal(0, moved.StartAt.Ticks % TimeSpan.TicksPerMinute);
    }
}
