using System.Globalization;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.DataPlane.Executions;

/// <summary>How long one run of a flow may take: the flow's own limit, or the silo's default.</summary>
internal static class RunTimeLimit
{
    /// <summary>The longest limit a flow may set: 7 days.</summary>
    public const int MaxSeconds = 7 * 24 * 60 * 60;

    public static TimeSpan Of(FlowDefinition definition, RunsOptions runs) =>
        definition.RunTimeLimitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : runs.TimeLimit;

    /// <summary>The error of a run stopped by its limit, naming the limit and where to raise it.</summary>
    public static string Exceeded(TimeSpan limit) =>
        $"The run exceeded its time limit of {Describe(limit)}; raise the flow's runTimeLimitSeconds or {RunsOptions.SectionName}:{nameof(RunsOptions.TimeLimit)} to allow longer runs.";

    private static string Describe(TimeSpan limit) => limit switch
    {
        { TotalHours: var hours } when hours >= 1 && limit.Ticks % TimeSpan.TicksPerHour == 0 => Count((long)hours, "hour"),
        { TotalMinutes: var minutes } when minutes >= 1 && limit.Ticks % TimeSpan.TicksPerMinute == 0 => Count((long)minutes, "minute"),
        _ => Count((long)Math.Ceiling(limit.TotalSeconds), "second"),
    };

    private static string Count(long count, string unit) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {unit}{(count == 1 ? "" : "s")}";
}
