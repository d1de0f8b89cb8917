using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// How the PostgreSQL ledger writes starts together, and run updates together (group commit), bound from
/// <c>FlowGrains:Ledger</c>. Starts and updates queue apart, each by these knobs.
/// </summary>
public sealed class PostgresLedgerOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Ledger";

    /// <summary>The most starts, or run updates, written in one statement (default 256).</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 256;

    /// <summary>
    /// How long a batch waits for more after its first write (default 2 ms); zero writes what is queued at once.
    /// The wait is on the wall clock, never the flows' clock, since it bounds latency rather than telling time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "FlowGrains:Ledger:MaxDelay must be between 0 and 1 second.")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// How many batches of each queue may be written at once (default 2), each on a connection of the silo's budget:
    /// one batch collects while another is in flight. Starts and updates together hold up to twice this many connections.
    /// </summary>
    [Range(1, 64)]
    public int Flushers { get; set; } = 2;
}
