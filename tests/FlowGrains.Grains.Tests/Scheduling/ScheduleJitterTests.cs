using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Tests.Infrastructure;
using static FlowGrains.Grains.Tests.Infrastructure.Flows;

namespace FlowGrains.Grains.Tests.Scheduling;

/// <summary>
/// Ticks and alarms that come up to 90 s late, often after the next slot's time, still run every slot
/// exactly once: late is not missed while it is within the grace (2 minutes).
/// </summary>
[Collection(JitterClusterCollection.Name)]
public sealed class ScheduleJitterTests(JitterClusterFixture fixture)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Measured = TimeSpan.FromMinutes(30);

    private Task<IFlowGrain> ActivateAsync(ScheduledTriggerProperties schedule) => ActivateScheduledAsync(fixture.Grains, "jitter", schedule);

    [Fact]
    public async Task TicksUpTo90SecondsLate_RunEverySlotExactlyOnce_NoneSkipped()
    {
        // Activated on the minute, so the first slot of every flow is the activation itself.
        var start = fixture.Time.GetUtcNow();
        Assert.Equal(0, start.UtcTicks % TimeSpan.TicksPerMinute);
        var rate = await ActivateAsync(new ScheduledTriggerProperties("rate(1minute)"));
        var minutely = await ActivateAsync(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"));
        var everyOther = await ActivateAsync(new ScheduledTriggerProperties("cron(0/2 * * * ? *)", ScheduleOffset: 15));
        var jitteredBefore = fixture.Late.Jittered;

        // Past the measured half hour by the longest delay and the grace, so every late slot of it has come.
        for (var end = start + Measured + JitterClusterFixture.MaxJitter + TimeSpan.FromMinutes(2); fixture.Time.GetUtcNow() < end;)
        {
            fixture.Time.Advance(Step);
            await Task.Delay(5);
        }

        var expected = new (IFlowGrain Flow, DateTimeOffset[] Slots, TimeSpan Offset)[]
        {
            (rate, [.. Enumerable.Range(0, 31).Select(m => start.AddMinutes(m))], TimeSpan.Zero),
            (minutely, [.. Enumerable.Range(0, 31).Select(m => start.AddMinutes(m))], TimeSpan.Zero),
            (everyOther, [.. Enumerable.Range(0, 16).Select(m => start.AddMinutes(2 * m))], TimeSpan.FromSeconds(15)),
        };
        var lateRuns = 0;
        foreach (var (flow, slots, offset) in expected)
        {
            var records = await Eventually.MatchesAsync(
                async () => (await flow.DescribeFlowExecutionRecordsAsync(100, null)).FlowExecutions,
                r => r.All(x => x.ExecutionStatus != ExecutionStatus.InProgress),
                "every run to end");
            var measured = records.Where(r => r.DataPullEndTime <= start + Measured).OrderBy(r => r.DataPullEndTime).ToList();

            Assert.Equal(slots, measured.Select(r => r.DataPullEndTime!.Value));
            Assert.All(measured, r => Assert.Equal(ExecutionStatus.Successful, r.ExecutionStatus));
            Assert.All(measured, r => Assert.InRange(r.StartedAt - (r.DataPullEndTime!.Value + offset), TimeSpan.Zero, TimeSpan.FromMinutes(2)));
            lateRuns += measured.Count(r => r.StartedAt - (r.DataPullEndTime!.Value + offset) > TimeSpan.FromMinutes(1));
        }

        // The test only proves something if ticks really came late, some of them after the next slot's time.
        Assert.True(fixture.Late.Jittered - jitteredBefore > 50, $"only {fixture.Late.Jittered - jitteredBefore} late waits");
        Assert.True(lateRuns > 0, "no run started after its next slot's time");
    }
}
