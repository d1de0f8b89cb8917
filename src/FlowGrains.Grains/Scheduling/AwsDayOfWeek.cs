using System.Text;

namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// AWS numbers the days of the week 1 (Sunday) to 7 (Saturday); Cronos numbers them 0 to 6. Day numbers
/// are shifted down by one; step values (after '/') and nth-weekday values (after '#') are not days.
/// </summary>
internal static class AwsDayOfWeek
{
    public static string ToCronos(string field)
    {
        if (field is "?" or "*")
        {
            return field;
        }

        var result = new StringBuilder(field.Length);
        var isDay = true;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (!char.IsAsciiDigit(c))
            {
                isDay = c is not ('/' or '#');
                result.Append(c);
                continue;
            }

            var end = i;
            while (end < field.Length && char.IsAsciiDigit(field[end]))
            {
                end++;
            }

            var number = Schedule.ParseNumber(field.AsSpan(i, end - i), "day-of-week");
            if (isDay && number is < 1 or > 7)
            {
                throw new ScheduleFormatException($"day-of-week values are 1 (Sunday) to 7 (Saturday), not {number}.");
            }

            result.Append(isDay ? number - 1 : number);
            i = end - 1;
        }

        return result.ToString();
    }
}
