namespace FlowGrains.Grains.Scheduling;

/// <summary>A schedule that fires every <see cref="Period"/>, counted from the flow's activation.</summary>
public sealed record RateSchedule(TimeSpan Period) : Schedule
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(366);

    internal static RateSchedule From(string amount, string unit)
    {
        var count = ParseNumber(amount);
        var period = unit.TrimEnd('s') switch
        {
            "minute" => TimeSpan.FromMinutes(count),
            "hour" => TimeSpan.FromHours(count),
            _ => TimeSpan.FromDays(count),
        };

        if (count < 1 || period > Longest)
        {
            throw new ScheduleFormatException("a rate must be at least 1 minute and at most 366 days.");
        }

        return new RateSchedule(period);
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
