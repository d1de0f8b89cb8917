using System.Collections.Immutable;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Tokens;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// A flow's stored definition and status. Tokens and run records are stored per entry elsewhere, so this
/// state stays the same size however often the flow runs.
/// </summary>
[GenerateSerializer, Alias("FlowGrains.FlowState")]
public sealed class FlowState
{
    /// <summary>Identifies this life of the flow; null when the flow does not exist.</summary>
    [Id(0)] public string? Incarnation { get; set; }

    /// <summary>The flow's definition.</summary>
    [Id(1)] public FlowDefinition? Definition { get; set; }

    /// <summary>The flow's tags.</summary>
    [Id(2)] public ImmutableSortedDictionary<string, string> Tags { get; set; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The flow's status.</summary>
    [Id(3)] public FlowStatus Status { get; set; }

    /// <summary>Why the flow has its status, when there is something to say.</summary>
    [Id(4)] public string? StatusMessage { get; set; }

    /// <summary>When the flow was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the flow's definition or status last changed.</summary>
    [Id(6)] public DateTimeOffset LastUpdatedAt { get; set; }

    /// <summary>How many pages of run records the flow has.</summary>
    [Id(7)] public int ExecutionPageCount { get; set; }

    /// <summary>
    /// Every clientToken of this flow's life so far was accepted before this time. An activation extends
    /// it before accepting tokens, so the next activation knows when its token cache is complete.
    /// </summary>
    [Id(8)] public DateTimeOffset? TokenLeaseUntil { get; set; }

    /// <summary>No page before this one holds a run that was unfinished when the newest page began.</summary>
    [Id(9)] public int OldestUnfinishedPage { get; set; }

    /// <summary>Run-record pages before this one hold no clientToken whose stored outcome still exists.</summary>
    [Id(10)] public int OldestTokenPage { get; set; }

    /// <summary>
    /// The create tokens of this flow name whose stored outcome may still exist; they outlive a delete, and
    /// there is at most one per create of the name in the last 8 hours.
    /// </summary>
    [Id(11)] public List<TokenExpiry> CreateTokens { get; set; } = [];

    /// <summary>How many pages the journal of update and activation tokens has.</summary>
    [Id(12)] public int TokenJournalPageCount { get; set; }

    /// <summary>Journal pages before this one hold no token whose stored outcome still exists.</summary>
    [Id(13)] public int OldestJournalPage { get; set; }

    /// <summary>When a Scheduled flow was last activated: rate schedules count their slots from here.</summary>
    [Id(14)] public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>
    /// The latest scheduled slot already handled (run, skipped or missed), as a slot time before any offset;
    /// no slot up to it runs again, whatever later updates do to the offset.
    /// </summary>
    [Id(15)] public DateTimeOffset? LastSlotAt { get; set; }

    /// <summary>Failed runs in a row since the last successful one (or the last activation).</summary>
    [Id(16)] public int ConsecutiveFailures { get; set; }

    /// <summary>Where the last successful scheduled run's data window ended: the next incremental pull starts here.</summary>
    [Id(17)] public DateTimeOffset? PulledUntil { get; set; }

    /// <summary>Run-record pages before this one were removed when their records outlived the retention.</summary>
    [Id(18)] public int FirstRetainedPage { get; set; }
}
