using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Scheduling;

namespace FlowGrains.Grains.Tests.Scheduling;

public sealed class SlotPlannerTests
{
    private static readonly DateTimeOffset Nine = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);
    private static readonly ScheduledSlots EveryMinute = new(new ScheduledTriggerProperties("cron(0/1 * * * ? *)"), Nine.AddHours(-1));
    private static readonly ScheduledSlots Hourly = new(new ScheduledTriggerProperties("cron(0 * * * ? *)"), Nine.AddDays(-1));

    private static SlotStep Next(DateTimeOffset handled, DateTimeOffset now, bool running = false, string? catchUp = null, ScheduledSlots? slots = null) =>
        SlotPlanner.Next(slots ?? EveryMinute, handled, now, catchUp, Grace, running);

    [Fact]
    public void NothingIsDue_BeforeTheNextSlotsTime()
    {
        Assert.Equal(SlotAction.None, Next(Nine, Nine.AddSeconds(59.999)).Action);
    }

    [Fact]
    public void ASlotRuns_AtItsTime()
    {
        Assert.Equal(new SlotStep(SlotAction.Run, Nine.AddMinutes(1)), Next(Nine, Nine.AddMinutes(1)));
    }

    [Fact]
    public void ALateTick_AfterTheNextSlotsTime_RunsTheOlderSlotFirst_ThenTheNext()
    {
        // The 09:01 tick comes at 09:02:05: both slots are owed, the older one goes first.
        var lateTick = Nine.AddMinutes(2).AddSeconds(5);

        Assert.Equal(new SlotStep(SlotAction.Run, Nine.AddMinutes(1)), Next(Nine, lateTick));
        Assert.Equal(new SlotStep(SlotAction.Run, Nine.AddMinutes(2)), Next(Nine.AddMinutes(1), lateTick.AddSeconds(1)));
    }

    [Fact]
    public void AnOwedSlot_WaitsForTheRunUnderWay_RatherThanRunningBesideIt()
    {
        Assert.Equal(new SlotStep(SlotAction.Wait, Nine.AddMinutes(1)), Next(Nine, Nine.AddMinutes(1), running: true));
        Assert.Equal(new SlotStep(SlotAction.Wait, Nine.AddMinutes(1)), Next(Nine, Nine.AddMinutes(1) + Grace, running: true));
    }

    [Fact]
    public void ASlotStillWaitingWhenItsGraceRunsOut_IsSkipped_AndTheNextOwedOneWaits()
    {
        var now = Nine.AddMinutes(2) + Grace + TimeSpan.FromTicks(1);

        Assert.Equal(new SlotStep(SlotAction.Skip, Nine.AddMinutes(1)), Next(Nine, now, running: true));
        Assert.Equal(new SlotStep(SlotAction.Skip, Nine.AddMinutes(2)), Next(Nine.AddMinutes(1), now, running: true));
        Assert.Equal(new SlotStep(SlotAction.Wait, Nine.AddMinutes(3)), Next(Nine.AddMinutes(2), now, running: true));
    }

    [Fact]
    public void ASlotExactlyAGraceLate_StillRuns_AndOneAMomentLater_WasMissed()
    {
        Assert.Equal(new SlotStep(SlotAction.Run, Nine.AddMinutes(1)), Next(Nine, Nine.AddMinutes(1) + Grace, catchUp: "None"));
        Assert.Equal(new SlotStep(SlotAction.PassOver, Nine.AddMinutes(1)), Next(Nine, Nine.AddMinutes(1) + Grace + TimeSpan.FromTicks(1), catchUp: "None"));
    }

    [Fact]
    public void MissedSlotsFollowedByOneWithinTheGrace_ArePassedOver_WhateverTheCatchUp()
    {
        // Down from 09:00 to 09:10:30: 09:01..09:08 were missed, 09:09 and 09:10 are within the grace.
        var now = Nine.AddMinutes(10).AddSeconds(30);

        Assert.Equal(new SlotStep(SlotAction.PassOver, Nine.AddMinutes(8)), Next(Nine, now, catchUp: "Latest"));
        Assert.Equal(new SlotStep(SlotAction.Run, Nine.AddMinutes(9)), Next(Nine.AddMinutes(8), now, catchUp: "Latest"));
    }

    [Theory]
    [InlineData(null, SlotAction.Run)]
    [InlineData("Latest", SlotAction.Run)]
    [InlineData("None", SlotAction.PassOver)]
    public void WhenOnlyMissedSlotsAreDue_CatchUpDecidesTheNewest(string? catchUp, SlotAction expected)
    {
        Assert.Equal(new SlotStep(expected, Nine.AddHours(3)), Next(Nine, Nine.AddHours(3).AddMinutes(20), catchUp: catchUp, slots: Hourly));
    }

    [Fact]
    public void TheOffset_MovesWhenASlotIsDue_AndHowLateItIs()
    {
        var offset = new ScheduledSlots(new ScheduledTriggerProperties("cron(0 * * * ? *)", ScheduleOffset: 90), Nine.AddDays(-1));

        Assert.Equal(SlotAction.None, Next(Nine, Nine.AddHours(1).AddSeconds(89), slots: offset).Action);
        Assert.Equal(new SlotStep(SlotAction.Run, Nine.AddHours(1)), Next(Nine, Nine.AddHours(1).AddSeconds(90) + Grace, catchUp: "None", slots: offset));
    }
}
