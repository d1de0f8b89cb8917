using System.Globalization;

namespace FlowGrains.Connectors.Limits;

/// <summary>
/// A run met one of the configured limits. The message says what, the limit, and the setting that raises it;
/// the run ends as Error with that message.
/// </summary>
public sealed class RunLimitExceededException(string message) : Exception(message)
{
    /// <summary>
    /// "<paramref name="what"/> exceeds the limit of <paramref name="limit"/> <paramref name="unit"/> (setting);
    /// raise <paramref name="setting"/> to allow it."
    /// </summary>
    /// <param name="setting">The key under <c>FlowGrains:Limits</c> (or a full key), e.g. <c>MaxRecordBytes</c>.</param>
    public static RunLimitExceededException Of(string what, long limit, string unit, string setting)
    {
        var key = setting.Contains(':', StringComparison.Ordinal) ? setting : $"{LimitsOptions.SectionName}:{setting}";
        return new RunLimitExceededException(
            $"{what} exceeds the limit of {Describe(limit, unit)} ({key}); raise {key} to allow it.");
    }

    // Byte limits read best in MiB or KiB when they are whole multiples.
    private static string Describe(long limit, string unit) => unit switch
    {
        "bytes" when limit % (1L << 20) == 0 => $"{(limit >> 20).ToString(CultureInfo.InvariantCulture)} MiB",
        "bytes" when limit % 1024 == 0 => $"{(limit >> 10).ToString(CultureInfo.InvariantCulture)} KiB",
        _ => $"{limit.ToString("N0", CultureInfo.InvariantCulture)} {unit}",
    };
}
