using System.Globalization;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Errors;

namespace FlowGrains.Grains.Limits;

/// <summary>
/// Whether one more run may start: refused, never queued, so the caller learns at once and the refusal leaves no
/// trace a retry would find (start-flow.md records a clientToken only for a start that happened).
/// </summary>
internal static class RunAdmission
{
    /// <param name="flowRuns">The flow's runs in progress, wherever they run.</param>
    /// <param name="siloRuns">The runs this silo carries out.</param>
    /// <param name="siloStopping">Whether this silo is stopping: a start is then refused as <c>SERVICE_UNAVAILABLE</c>.</param>
    public static void Check(string flowName, int flowRuns, int siloRuns, bool siloStopping, RunsOptions runs)
    {
        // Retried with the same clientToken, the start runs once the flow has moved to a silo that stays.
        if (siloStopping)
        {
            throw new FlowOperationException(
                FlowErrorCode.ServiceUnavailable, $"The silo of flow '{flowName}' is stopping and starts no new runs; retry shortly.");
        }

        if (flowRuns >= runs.MaxConcurrentRunsPerFlow)
        {
            throw Refused(
                $"Flow '{flowName}' has {Count(flowRuns)} runs in progress, the most {Setting(nameof(RunsOptions.MaxConcurrentRunsPerFlow))} allows; retry once one has ended.");
        }

        if (siloRuns >= runs.MaxConcurrentRunsPerSilo)
        {
            throw Refused(
                $"This silo carries out {Count(siloRuns)} runs, the most {Setting(nameof(RunsOptions.MaxConcurrentRunsPerSilo))} allows; retry shortly.");
        }
    }

    private static FlowOperationException Refused(string message) => new(FlowErrorCode.Throttled, message);

    private static string Setting(string name) => $"{RunsOptions.SectionName}:{name}";

    private static string Count(int count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
