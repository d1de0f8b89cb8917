namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// Puts a schedule reminder's ticks on the flow's slots. Every run time of a flow lies on one lattice,
/// a phase plus whole minutes (cron slots are whole minutes plus scheduleOffset; rate slots are whole
/// minutes from their anchor), and Orleans keeps a reminder's ticks at its first tick plus whole periods.
/// A one-minute reminder whose first tick is on the lattice therefore ticks at every slot, on restarts
/// and on other silos too.
/// </summary>
public static class ReminderAlignment
{
    /// <summary>The reminder's period: Orleans' shortest, and the finest step of any schedule.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromMinutes(1);

    // The reminder service adds the due time to its own clock a moment after the grain read its own, and tables
    // may keep times to the microsecond. An active flow's alarm gives the precision, so re-registering (a write)
    // is kept for a phase clearly off, such as one set by an earlier build.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(250);

    /// <summary>The due time that puts the reminder's ticks on the lattice of <paramref name="nextRun"/>; a full period when it is on it already.</summary>
    public static TimeSpan DueTime(DateTimeOffset? nextRun, DateTimeOffset now)
    {
        if (nextRun is not { } run)
        {
            return Period;
        }

        var ticks = PositiveRemainder((run - now).Ticks);
        return ticks == 0 ? Period : TimeSpan.FromTicks(ticks);
    }

    /// <summary>Whether a reminder first ticking at <paramref name="firstTick"/> every <paramref name="period"/> ticks on the lattice of <paramref name="nextRun"/>.</summary>
    public static bool IsAligned(DateTime firstTick, TimeSpan period, DateTimeOffset? nextRun)
    {
        if (nextRun is not { } run)
        {
            return true;
        }

        var offset = PositiveRemainder(run.UtcTicks - DateTime.SpecifyKind(firstTick, DateTimeKind.Utc).Ticks);
        return period == Period && (offset <= Tolerance.Ticks || Period.Ticks - offset <= Tolerance.Ticks);
    }

    private static long PositiveRemainder(long ticks) => ((ticks % Period.Ticks) + Period.Ticks) % Period.Ticks;
}
