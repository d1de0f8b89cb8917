using System.Globalization;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// A timestamp as the ISO 8601 UTC text records carry (<c>yyyy-MM-ddTHH:mm:ss.FFFFFFFZ</c>: trailing zeros of the
/// fraction dropped); a timestamp without time zone is taken as UTC.
/// </summary>
internal static class UtcText
{
    private static readonly string[] FractionFormats = ["", "0", "00", "000", "0000", "00000", "000000", "0000000"];

    /// <summary>The text's length, without making it.</summary>
    public static int Length(DateTime timestamp)
    {
        var (_, digits) = Fraction(timestamp);
        return digits == 0 ? 20 : 21 + digits;
    }

    // The same text as the custom format, built from the fast sortable format.
    public static string Format(DateTime timestamp)
    {
        var (fraction, digits) = Fraction(timestamp);
        return string.Create(digits == 0 ? 20 : 21 + digits, (timestamp, fraction, digits), static (span, state) =>
        {
            state.timestamp.TryFormat(span, out _, "s", CultureInfo.InvariantCulture);
            if (state.digits > 0)
            {
                span[19] = '.';
                state.fraction.TryFormat(span.Slice(20, state.digits), out _, FractionFormats[state.digits], CultureInfo.InvariantCulture);
            }

            span[^1] = 'Z';
        });
    }

    private static (long Fraction, int Digits) Fraction(DateTime timestamp)
    {
        var fraction = timestamp.Ticks % TimeSpan.TicksPerSecond;
        if (fraction == 0)
        {
            return (0, 0);
        }

        var digits = 7;
        while (fraction % 10 == 0)
        {
            (fraction, digits) = (fraction / 10, digits - 1);
        }

        return (fraction, digits);
    }
}
