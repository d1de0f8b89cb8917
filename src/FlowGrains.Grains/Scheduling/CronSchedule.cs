using Cronos;

namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// An AWS cron schedule evaluated with Cronos in the flow's time zone. A wall-clock time that does not
/// exist on a spring-forward day fires once at the next valid instant; a time in the hour repeated on a
/// fall-back day fires once, in its first pass.
/// </summary>
public sealed record CronSchedule(CronExpression Expression, YearFilter Years) : Schedule
{
    /// <summary>Translates the six AWS fields to Cronos' five plus a year filter.</summary>
    internal static CronSchedule FromAws(string fields)
    {
        var parts = fields.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            throw new ScheduleFormatException(
                $"cron(...) takes six fields (minute hour day-of-month month day-of-week year), not {parts.Length}.");
        }

        var (minute, hour, dayOfMonth, month, dayOfWeek, year) = (parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
        if ((dayOfMonth == "?") == (dayOfWeek == "?"))
        {
            throw new ScheduleFormatException("cron(...) needs '?' in exactly one of day-of-month and day-of-week.");
        }

        var years = YearFilter.Parse(year);
        var standard = $"{minute} {hour} {dayOfMonth} {month} {AwsDayOfWeek.ToCronos(dayOfWeek)}";
        try
        {
            return new CronSchedule(CronExpression.Parse(standard, CronFormat.Standard), years);
        }
        catch (CronFormatException exception)
        {
            throw new ScheduleFormatException($"cron(...) is not valid: {exception.Message}", exception);
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset? NextSlotAfter(DateTimeOffset after, DateTimeOffset anchor, TimeZoneInfo zone)
    {
        var from = after;
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            if (Expression.GetNextOccurrence(from, zone) is not { } next)
            {
                return null;
            }

            var year = TimeZoneInfo.ConvertTime(next, zone).Year;
            if (!Years.Allows(year))
            {
                if (Years.NextAllowedAfter(year) is not { } nextYear)
                {
                    return null;
                }

                // Jump to the start of the next allowed year, just before midnight so its first slot is found.
                var startOfYear = new DateTime(nextYear, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
                from = new DateTimeOffset(startOfYear, zone.GetUtcOffset(startOfYear)).AddTicks(-1);
                continue;
            }

            if (IsRepeatOfAFallBackHour(next, zone))
            {
                from = next;
                continue;
            }

            return next;
        }

        return null;
    }

    // Cronos fires interval expressions in both passes of a repeated hour; a slot runs once, in the first.
    private static bool IsRepeatOfAFallBackHour(DateTimeOffset instant, TimeZoneInfo zone) =>
        zone.IsAmbiguousTime(instant) && instant.Offset == zone.BaseUtcOffset;
}
