namespace FlowGrains.Grains.Scheduling;

/// <summary>A schedule that fires every <see cref="Period"/>, counted from the flow's activation.</summary>
public sealed record RateSchedule(TimeSpan Period) : Schedule
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    internal static RateSchedule From(string amount, string unit)
    {
        var count = ParseNumber(amount, "rate(...)");
        var unitLength = unit.TrimEnd('s') switch
        {
            "minute" => TimeSpan.FromMinutes(1),
            "hour" => TimeSpan.FromHours(1),
            _ => TimeSpan.FromDays(1),
        };

        // Checked before multiplying, so a huge count is a clear error rather than an overflow.
        if (count < 1 || count > Longest / unitLength)
        {
            throw new ScheduleFormatException("a rate must be at least 1 minute and at most 366 days.");
        }

        return new RateSchedule(unitLength * count);
    }

    /// <inheritdoc />
    public override DateTimeOffset? NextSlotAfter(DateTimeOffset after, DateTimeOffset anchor, TimeZoneInfo zone)
    {
        if (after < anchor)
        {
            return anchor;
        }

        var periods = ((after - anchor).Ticks / Period.Ticks) + 1;
        return anchor + TimeSpan.FromTicks(periods * Period.Ticks);
    }
}
