using FlowGrains.Grains.Scheduling;

namespace FlowGrains.Grains.Tests.Scheduling;

public sealed class ScheduleTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTimeOffset Anchor = new(2026, 1, 1, 10, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Utc0(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("rate(5minutes)", 5)]
    [InlineData("rate(5 minutes)", 5)]
    [InlineData("rate(1 minute)", 1)]
    [InlineData("rate(2hours)", 120)]
    [InlineData("rate(1 day)", 1440)]
    public void Rate_AcceptsAppFlowsSpellings(string expression, int minutes) =>
        Assert.Equal(new RateSchedule(TimeSpan.FromMinutes(minutes)), Schedule.Parse(expression));

    [Fact]
    public void Rate_RunsAtActivationThenEveryPeriod()
    {
        var schedule = Schedule.Parse("rate(15minutes)");

        Assert.Equal(Anchor, schedule.NextSlotAfter(Anchor.AddTicks(-1), Anchor, Utc));
        Assert.Equal(Anchor.AddMinutes(15), schedule.NextSlotAfter(Anchor, Anchor, Utc));
        Assert.Equal(Anchor.AddMinutes(45), schedule.NextSlotAfter(Anchor.AddMinutes(31), Anchor, Utc));
    }

    [Theory]
    [InlineData("rate(0minutes)", "at least 1 minute")]
    [InlineData("rate(400days)", "at most 366 days")]
    [InlineData("rate(999999999 hours)", "at most 366 days")]
    [InlineData("rate(5 seconds)", "minutes, hours or days")]
    [InlineData("rate(-1minutes)", "minutes, hours or days")]
    [InlineData("every 5 minutes", "must be rate(...) or cron(...)")]
    [InlineData("cron(0 10 * * ?)", "six fields")]
    [InlineData("cron(0 10 * * * *)", "exactly one of day-of-month and day-of-week")]
    [InlineData("cron(0 10 ? * ? *)", "exactly one of day-of-month and day-of-week")]
    [InlineData("cron(0 10 ? * 8 *)", "1 (Sunday) to 7 (Saturday)")]
    [InlineData("cron(0 25 * * ? *)", "cron(...) is not valid")]
    [InlineData("cron(0 10 * * ? 1969)", "1970-2199")]
    [InlineData("cron(0 10 * * ? 20x6)", "the year field")]
    public void InvalidExpressions_NameTheProblem(string expression, string problem)
    {
        var error = Assert.Throws<ScheduleFormatException>(() => Schedule.Parse(expression));

        Assert.Contains(problem, error.Message);
    }

    [Theory]
    [InlineData("cron(0 10 ? * 2-6 *)", 2026, 1, 5, 10, 0)]
    [InlineData("cron(0 10 ? * MON-FRI *)", 2026, 1, 5, 10, 0)]
    [InlineData("cron(0 9 ? * 6#1 *)", 2026, 2, 6, 9, 0)]
    [InlineData("cron(0 18 ? * 6L *)", 2026, 1, 30, 18, 0)]
    [InlineData("cron(15 10 L * ? *)", 2026, 1, 31, 10, 15)]
    [InlineData("cron(0 8 3W * ? *)", 2026, 2, 3, 8, 0)]
    [InlineData("cron(0/20 12 * * ? *)", 2026, 1, 3, 12, 0)]
    [InlineData("cron(0 12 1 * ? 2028-2030)", 2028, 1, 1, 12, 0)]
    [InlineData("cron(0 12 1 1,7 ? 2027,2029)", 2027, 1, 1, 12, 0)]
    public void Cron_FollowsAwsFieldMeanings(string expression, int year, int month, int day, int hour, int minute)
    {
        // The search starts at midnight UTC on Saturday 2026-01-03.
        var after = Utc0(2026, 1, 3, 0, 0);

        var next = Schedule.Parse(expression).NextSlotAfter(after, Anchor, Utc);

        Assert.Equal(Utc0(year, month, day, hour, minute), next);
    }

    [Fact]
    public void Cron_YearsThatHavePassed_HaveNoNextSlot() =>
        Assert.Null(Schedule.Parse("cron(0 12 1 * ? 2025)").NextSlotAfter(Utc0(2026, 1, 1), Anchor, Utc));

    [Theory]
    [MemberData(nameof(SpringForward))]
    public void Cron_ASlotSkippedBySpringForward_RunsOnceAtTheNextValidInstant(string zone, DateTimeOffset after, DateTimeOffset expected)
    {
        var schedule = Schedule.Parse("cron(30 2 * * ? *)");

        Assert.Equal(expected, schedule.NextSlotAfter(after, Anchor, TimeZoneInfo.FindSystemTimeZoneById(zone)));
    }

    public static TheoryData<string, DateTimeOffset, DateTimeOffset> SpringForward => new()
    {
        // Berlin: 2026-03-29 02:00 CET jumps to 03:00 CEST.
        { "Europe/Berlin", new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.FromHours(1)), new DateTimeOffset(2026, 3, 29, 3, 0, 0, TimeSpan.FromHours(2)) },
        // New York: 2026-03-08 02:00 EST jumps to 03:00 EDT.
        { "America/New_York", new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5)), new DateTimeOffset(2026, 3, 8, 3, 0, 0, TimeSpan.FromHours(-4)) },
    };

    [Fact]
    public void Cron_TheRepeatedHourOfFallBack_RunsOnce_InBerlinAndNewYork()
    {
        var schedule = Schedule.Parse("cron(0/30 1-2 * * ? *)");

        var berlin = Slots(schedule, new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)), Berlin, 5);
        var newYork = Slots(schedule, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), NewYork, 5);

        // Berlin repeats 02:00-03:00 (CEST, then CET); New York repeats 01:00-02:00 (EDT, then EST).
        Assert.Equal(["01:00+02", "01:30+02", "02:00+02", "02:30+02"], berlin.Take(4).Select(Local));
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 1, 0, 0, TimeSpan.FromHours(1)), berlin[4]);
        Assert.Equal(["01:00-04", "01:30-04", "02:00-05", "02:30-05"], newYork.Take(4).Select(Local));
    }

    private static List<DateTimeOffset> Slots(Schedule schedule, DateTimeOffset after, TimeZoneInfo zone, int count)
    {
        var slots = new List<DateTimeOffset>();
        for (var current = after; slots.Count < count;)
        {
            current = schedule.NextSlotAfter(current, Anchor, zone)!.Value;
            slots.Add(current);
        }

        return slots;
    }

    private static string Local(DateTimeOffset instant) => $"{instant:HH:mm}{(instant.Offset < TimeSpan.Zero ? "-" : "+")}{Math.Abs(instant.Offset.Hours):00}";
}
