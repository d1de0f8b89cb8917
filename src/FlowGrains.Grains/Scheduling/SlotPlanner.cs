namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// Decides, one slot at a time, what a scheduled flow owes. A slot whose run time has come is owed its own
/// run while it is at most <c>grace</c> late, however late or out of turn its tick came; it never runs
/// beside the flow's previous run, but waits for that run to end. A slot later than the grace was either
/// crowded out by a run that outlasted it (recorded as skipped) or missed while the flow or the cluster
/// was down, and then catchUp decides: <c>Latest</c> runs the newest missed slot unless a slot within the
/// grace follows it, <c>None</c> runs none of them.
/// </summary>
public static class SlotPlanner
{
    /// <summary>The step for the first slot after <paramref name="handled"/>.</summary>
    /// <param name="slots">The flow's schedule.</param>
    /// <param name="handled">The last slot already handled (run, skipped or passed over).</param>
    /// <param name="now">The current time.</param>
    /// <param name="catchUp">The flow's catchUp: <c>Latest</c> (the default) or <c>None</c>.</param>
    /// <param name="grace">How late a slot may be and still run as itself.</param>
    /// <param name="running">Whether one of the flow's runs is under way.</param>
    public static SlotStep Next(ScheduledSlots slots, DateTimeOffset handled, DateTimeOffset now, string? catchUp, TimeSpan grace, bool running)
    {
        DateTimeOffset? newestMissed = null;
        for (var next = slots.NextSlotAfter(handled); next is { } slot && slots.RunTimeOf(slot) <= now; next = slots.NextSlotAfter(slot))
        {
            if (now - slots.RunTimeOf(slot) <= grace)
            {
                // A slot within the grace follows any missed ones: it runs, and covers them.
                return newestMissed is { } missed ? new SlotStep(SlotAction.PassOver, missed)
                    : new SlotStep(running ? SlotAction.Wait : SlotAction.Run, slot);
            }

            if (running)
            {
                return new SlotStep(SlotAction.Skip, slot);
            }

            newestMissed = slot;
        }

        return newestMissed switch
        {
            null => new SlotStep(SlotAction.None, default),
            { } missed => new SlotStep(catchUp == "None" ? SlotAction.PassOver : SlotAction.Run, missed),
        };
    }
}
