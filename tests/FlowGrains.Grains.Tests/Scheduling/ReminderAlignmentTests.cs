using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Scheduling;

namespace FlowGrains.Grains.Tests.Scheduling;

public sealed class ReminderAlignmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 47, 250, TimeSpan.Zero);

    [Fact]
    public void AMinutelyCron_TicksOnTheMinute()
    {
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"), Now);

        Assert.Equal(TimeSpan.FromMilliseconds(12_750), ReminderAlignment.DueTime(slots.NextRunAfter(Now), Now));
    }

    [Fact]
    public void ADailyCronWithAnOffset_TicksAtTheOffsetsSecondOfEveryMinute()
    {
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("cron(0 12 * * ? *)", ScheduleOffset: 95), Now);

        // The run is at 12:01:35; the first tick comes at 09:01:35, and every whole minute after it lands there.
        Assert.Equal(TimeSpan.FromMilliseconds(47_750), ReminderAlignment.DueTime(slots.NextRunAfter(Now), Now));
    }

    [Fact]
    public void ARateSchedule_TicksAtItsAnchorsPhase()
    {
        var anchor = Now.AddMinutes(-7).AddSeconds(-3.5);
        var slots = new ScheduledSlots(new ScheduledTriggerProperties("rate(5minutes)"), anchor);

        // Slots at 08:53:43.75 + 5 min steps; 09:03:43.75 is next, so the ticks fall at :43.75 of each minute.
        Assert.Equal(TimeSpan.FromMilliseconds(56_500), ReminderAlignment.DueTime(slots.NextRunAfter(Now), Now));
    }

    [Fact]
    public void ARunExactlyOnTheLatticeOfNow_TicksAFullPeriodOn()
    {
        Assert.Equal(ReminderAlignment.Period, ReminderAlignment.DueTime(Now.AddMinutes(3), Now));
        Assert.Equal(ReminderAlignment.Period, ReminderAlignment.DueTime(null, Now));
    }

    [Fact]
    public void AReminderOffTheLattice_IsNotAligned_ButOneWithinAQuarterSecondIs()
    {
        var nextRun = new DateTimeOffset(2026, 6, 1, 9, 1, 0, TimeSpan.Zero);

        Assert.True(ReminderAlignment.IsAligned(new DateTime(2026, 6, 1, 8, 40, 0, 250, DateTimeKind.Utc), ReminderAlignment.Period, nextRun));
        Assert.True(ReminderAlignment.IsAligned(new DateTime(2026, 6, 1, 8, 39, 59, 750, DateTimeKind.Utc), ReminderAlignment.Period, nextRun));
        Assert.False(ReminderAlignment.IsAligned(new DateTime(2026, 6, 1, 8, 40, 0, 251, DateTimeKind.Utc), ReminderAlignment.Period, nextRun));
        Assert.False(ReminderAlignment.IsAligned(new DateTime(2026, 6, 1, 8, 40, 47, DateTimeKind.Utc), ReminderAlignment.Period, nextRun));
        Assert.False(ReminderAlignment.IsAligned(new DateTime(2026, 6, 1, 8, 40, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(2), nextRun));
    }
}
