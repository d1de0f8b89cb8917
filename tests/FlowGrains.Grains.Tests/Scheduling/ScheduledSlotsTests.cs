using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Scheduling;

namespace FlowGrains.Grains.Tests.Scheduling;

public sealed class ScheduledSlotsTests
{
    private static readonly DateTimeOffset Activated = new(2026, 6, 1, 8, 7, 0, TimeSpan.Zero);

    [Fact]
    public void Offset_ShiftsEveryRun()
    {
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("cron(0 * * * ? *)", ScheduleOffset: 90), Activated);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 1, 30, TimeSpan.Zero), slots.NextRunAfter(Activated));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 10, 1, 30, TimeSpan.Zero), slots.NextRunAfter(new DateTimeOffset(2026, 6, 1, 9, 1, 30, TimeSpan.Zero)));
    }

    [Fact]
    public void NoRunBeforeTheWindowOpens_OrAfterItCloses()
    {
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 6, 1, 14, 0, 0, TimeSpan.Zero);
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("cron(30 * * * ? *)", ScheduleStartTime: start, ScheduleEndTime: end), Activated);

        Assert.Equal(new DateTimeOffset(2026, 6, 1, 12, 30, 0, TimeSpan.Zero), slots.NextRunAfter(Activated));
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 13, 30, 0, TimeSpan.Zero), slots.NextRunAfter(new DateTimeOffset(2026, 6, 1, 12, 30, 0, TimeSpan.Zero)));
        Assert.Null(slots.NextRunAfter(new DateTimeOffset(2026, 6, 1, 13, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void ARateFlowActivatedBeforeItsWindow_CountsFromTheWindowsStart()
    {
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("rate(2hours)", ScheduleStartTime: start), Activated);

        Assert.Equal(start, slots.NextRunAfter(Activated));
        Assert.Equal(start.AddHours(2), slots.NextRunAfter(start));
    }

    [Fact]
    public void CronRunsInTheFlowsTimeZone()
    {
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("cron(0 9 * * ? *)", Timezone: "America/New_York"), Activated);

        // 09:00 in New York in June is 13:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero), slots.NextRunAfter(Activated)!.Value.ToUniversalTime());
    }
}
