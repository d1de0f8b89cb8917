using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>How the ledger's retention job runs, bound from <c>FlowGrains:Ledger:Retention</c>.</summary>
public sealed class LedgerRetentionOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Ledger:Retention";

    /// <summary>
    /// How often the job runs (default 1 minute, the shortest reminder period Orleans allows). A changed period
    /// takes effect after the next tick of the old one.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "FlowGrains:Ledger:Retention:Period must be between 1 minute and 1 day.")]
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Rows one delete removes at most (default 5,000): small enough that a start never waits long behind one.</summary>
    [Range(1, 100_000, ErrorMessage = "FlowGrains:Ledger:Retention:BatchSize must be between 1 and 100000.")]
    public int BatchSize { get; set; } = 5_000;

    /// <summary>
    /// The pause between two deletes of one tick (default 50 ms), which leaves the store to the starts in
    /// between; real time, whatever clock the flows read.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10", ErrorMessage = "FlowGrains:Ledger:Retention:BatchPause must be between 0 and 10 seconds.")]
    public TimeSpan BatchPause { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Deletes of each kind (tokens, runs) one tick makes at most (default 100): with the default batch, 500,000 rows
    /// of each a minute, far above any steady rate of starts, while a tick stays well inside a grain call's timeout.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "FlowGrains:Ledger:Retention:MaxBatchesPerTick must be between 1 and 10000.")]
    public int MaxBatchesPerTick { get; set; } = 100;
}
