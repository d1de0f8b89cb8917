using System.Globalization;
using System.Text.RegularExpressions;

namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// A parsed AppFlow <c>scheduleExpression</c>: <c>rate(N minutes|hours|days)</c> (with or without the
/// space, singular or plural) or the six-field AWS <c>cron(minute hour day-of-month month day-of-week year)</c>.
/// </summary>
public abstract partial record Schedule
{
    /// <summary>Parses <paramref name="expression"/>, or throws <see cref="ScheduleFormatException"/> naming the problem.</summary>
    public static Schedule Parse(string expression)
    {
        var text = expression.Trim();
        if (RateForm().Match(text) is { Success: true } rate)
        {
            return RateSchedule.From(rate.Groups["amount"].Value, rate.Groups["unit"].Value);
        }

        if (text.StartsWith("rate(", StringComparison.Ordinal))
        {
            throw new ScheduleFormatException("rate(...) takes a whole number and minutes, hours or days, e.g. rate(5minutes).");
        }

        if (text.StartsWith("cron(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return CronSchedule.FromAws(text["cron(".Length..^1]);
        }

        throw new ScheduleFormatException("must be rate(...) or cron(...).");
    }

    /// <summary>
    /// The first slot strictly after <paramref name="after"/>. Rate slots count from <paramref name="anchor"/>
    /// (the activation); cron slots are evaluated in <paramref name="zone"/>. Null when no slot follows.
    /// </summary>
    public abstract DateTimeOffset? NextSlotAfter(DateTimeOffset after, DateTimeOffset anchor, TimeZoneInfo zone);

    [GeneratedRegex(@"^rate\(\s*(?<amount>\d{1,9})\s*(?<unit>minutes?|hours?|days?)\s*\)$", RegexOptions.CultureInvariant)]
    private static partial Regex RateForm();

    /// <summary>
    /// A field's number; one too long for an int is a format error, so a caller's digits never overflow.
    /// </summary>
    internal static int ParseNumber(ReadOnlySpan<char> text, string field) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new ScheduleFormatException($"{field} takes numbers of at most 9 digits, not '{text}'.");
}
