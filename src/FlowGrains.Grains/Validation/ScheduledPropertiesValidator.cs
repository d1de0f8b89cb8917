using FlowGrains.Contracts.Flows;
using FlowGrains.Errors;
using FlowGrains.Grains.Scheduling;

namespace FlowGrains.Grains.Validation;

/// <summary>
/// The field rules of a Scheduled trigger, checked when a flow is created or updated so that no schedule
/// fails later for a reason known now.
/// </summary>
internal static class ScheduledPropertiesValidator
{
    // The years a cron expression may name: within them, a slot plus the longest offset, and every step
    // the scheduler takes from a slot, stay far from DateTimeOffset's ends.
    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(2199, 12, 31, 23, 59, 59, TimeSpan.Zero);

    public static void Validate(ScheduledTriggerProperties scheduled, string path)
    {
        var expression = scheduled.ScheduleExpression;
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw FlowOperationException.Invalid($"{path}.scheduleExpression", "is required.");
        }

        RequestRules.MaxLength(expression, 256, $"{path}.scheduleExpression");
        try
        {
            Schedule.Parse(expression);
        }
        catch (ScheduleFormatException exception)
        {
            throw FlowOperationException.Invalid($"{path}.scheduleExpression", exception.Message);
        }

        if (scheduled.DataPullMode is not (null or "Incremental" or "Complete"))
        {
            throw FlowOperationException.Invalid($"{path}.dataPullMode", "must be Incremental or Complete.");
        }

        if (scheduled.CatchUp is not (null or "None" or "Latest"))
        {
            throw FlowOperationException.Invalid($"{path}.catchUp", "must be None or Latest.");
        }

        if (scheduled.ScheduleOffset is < 0 or > 36000)
        {
            throw FlowOperationException.Invalid($"{path}.scheduleOffset", "must be 0-36000 seconds.");
        }

        if (scheduled.FlowErrorDeactivationThreshold is < 1 or > 100)
        {
            throw FlowOperationException.Invalid($"{path}.flowErrorDeactivationThreshold", "must be 1-100.");
        }

        if (scheduled.Timezone is { } timezone && !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out _))
        {
            throw FlowOperationException.Invalid($"{path}.timezone", $"'{timezone}' is not a known IANA time zone.");
        }

        Instant(scheduled.ScheduleStartTime, $"{path}.scheduleStartTime");
        Instant(scheduled.ScheduleEndTime, $"{path}.scheduleEndTime");
        Instant(scheduled.FirstExecutionFrom, $"{path}.firstExecutionFrom");
        if (scheduled.ScheduleStartTime is { } start && scheduled.ScheduleEndTime is { } end && end <= start)
        {
            throw FlowOperationException.Invalid($"{path}.scheduleEndTime", "must be after scheduleStartTime.");
        }
    }

    private static void Instant(DateTimeOffset? value, string field)
    {
        if (value is { } instant && (instant < Earliest || instant > Latest))
        {
            throw FlowOperationException.Invalid(field, "must lie between 1970-01-01T00:00:00Z and 2199-12-31T23:59:59Z.");
        }
    }
}
