using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// When an active Scheduled flow runs: the slots of its expression in its time zone, kept within
/// scheduleStartTime..scheduleEndTime, each run shifted by scheduleOffset. Rate slots count from the
/// activation, or from the start of the window when that is later.
/// </summary>
public sealed class ScheduledSlots
{
    private readonly Schedule _schedule;
    private readonly TimeZoneInfo _zone;
    private readonly TimeSpan _offset;
    private readonly DateTimeOffset? _start;
    private readonly DateTimeOffset? _end;
    private readonly DateTimeOffset _anchor;

    public ScheduledSlots(ScheduledTriggerProperties properties, DateTimeOffset activatedAt)
    {
        _schedule = Schedule.Parse(properties.ScheduleExpression);
        _zone = properties.Timezone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : TimeZoneInfo.Utc;
        _offset = TimeSpan.FromSeconds(properties.ScheduleOffset ?? 0);
        _start = properties.ScheduleStartTime;
        _end = properties.ScheduleEndTime;
        _anchor = _start is { } start && start > activatedAt ? start : activatedAt;
    }

    /// <summary>The first slot strictly after <paramref name="after"/> within the window, or null when the schedule has ended.</summary>
    public DateTimeOffset? NextSlotAfter(DateTimeOffset after)
    {
        var from = _start is { } start && after < start ? start.AddTicks(-1) : after;
        var slot = _schedule.NextSlotAfter(from, _anchor, _zone);

        // A slot whose run time would pass the calendar's end never comes (flows stored before the validator bounded their window).
        return slot is null || slot > _end || slot > DateTimeOffset.MaxValue - _offset ? null : slot;
    }

    /// <summary>When the run of <paramref name="slot"/> starts: the slot shifted by scheduleOffset.</summary>
    public DateTimeOffset RunTimeOf(DateTimeOffset slot) => slot + _offset;

    /// <summary>The first run time strictly after <paramref name="after"/>, or null when the schedule has ended.</summary>
    public DateTimeOffset? NextRunAfter(DateTimeOffset after) =>
        NextSlotAfter(after - _offset) is { } slot ? RunTimeOf(slot) : null;
}
