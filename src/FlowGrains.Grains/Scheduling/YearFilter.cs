namespace FlowGrains.Grains.Scheduling;

/// <summary>The years an AWS cron expression allows: '*', or a list of years and year ranges (1970–2199).</summary>
public sealed record YearFilter(IReadOnlyList<(int First, int Last)>? Ranges)
{
    private const int Earliest = 1970;
    private const int Latest = 2199;

    public static YearFilter Parse(string field)
    {
        if (field == "*")
        {
            return new YearFilter((IReadOnlyList<(int, int)>?)null);
        }

        var ranges = new List<(int, int)>();
        foreach (var item in field.Split(','))
        {
            var bounds = item.Split('-');
            if (bounds.Length > 2 || !bounds.All(b => b.Length == 4 && b.All(char.IsAsciiDigit)))
            {
                throw new ScheduleFormatException($"the year field takes '*', years or year ranges, not '{field}'.");
            }

            var first = Schedule.ParseNumber(bounds[0], "the year field");
            var last = Schedule.ParseNumber(bounds[^1], "the year field");
            if (first < Earliest || last > Latest || last < first)
            {
                throw new ScheduleFormatException($"years must lie in {Earliest}-{Latest}, in ascending ranges.");
            }

            ranges.Add((first, last));
        }

        return new YearFilter(ranges);
    }

    public bool Allows(int year) => Ranges is null || Ranges.Any(range => year >= range.First && year <= range.Last);

    public int? NextAllowedAfter(int year) =>
        Ranges?.Select(range => Math.Max(range.First, year + 1)).Where(candidate => Allows(candidate)).DefaultIfEmpty().Min() is int next and > 0
            ? next
            : null;
}
