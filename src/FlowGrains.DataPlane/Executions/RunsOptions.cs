using System.ComponentModel.DataAnnotations;

namespace FlowGrains.DataPlane.Executions;

/// <summary>How runs are bounded, bound from <c>FlowGrains:Runs</c>.</summary>
public sealed class RunsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Runs";

    /// <summary>
    /// How many times a run whose silo died under it is resumed (default 3). A run interrupted once more is
    /// quarantined: it ends as Error rather than taking down one silo after another.
    /// </summary>
    [Range(0, 100)]
    public int MaxResumes { get; set; } = 3;

    /// <summary>
    /// How long one run may take (default 1 hour) before it ends as Error; a flow's <c>runTimeLimitSeconds</c>
    /// overrides it. A resumed run starts its time again.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "FlowGrains:Runs:TimeLimit must be between 1 second and 7 days.")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Runs of one flow in progress at once (default 10). A start past it is refused as <c>THROTTLED</c> (429) and
    /// recorded nowhere, so a retry with the same clientToken starts the run once one has ended.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxConcurrentRunsPerFlow { get; set; } = 10;

    /// <summary>
    /// Runs one silo carries out at once (default 1,000, AppFlow's concurrent runs per account). A start past it
    /// is refused as <c>THROTTLED</c> like one past the per-flow limit; a scheduled slot refused so is tried again
    /// by the schedule's retry. Starts that race on one silo may pass it by the few that are in flight.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentRunsPerSilo { get; set; } = 1000;

    /// <summary>
    /// How long a silo that is stopping gracefully waits for its runs to end (default 30 seconds, at most 1 hour).
    /// Runs still going then are stopped and left unfinished, without an outcome, so another silo resumes them
    /// under the same execution id once this one has left the cluster.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ErrorMessage = "FlowGrains:Runs:ShutdownTimeout must be between 0 and 1 hour.")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
