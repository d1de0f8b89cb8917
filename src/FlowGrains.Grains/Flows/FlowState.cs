using System.Collections.Immutable;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// A flow's stored definition, status and schedule progress, in Orleans' grain storage. Its tokens and runs
/// are in the flow ledger, so this state stays the same size however often the flow runs. Immutable: a
/// change is a new state, adopted once it is stored (<see cref="FlowRecord"/>). Ids 7-13 and 18 held the
/// page bookkeeping of the storage the ledger replaced; they are not reused.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.FlowState")]
public sealed record FlowState
{
    /// <summary>Identifies this life of the flow; null when the flow does not exist.</summary>
    [Id(0)] public string? Incarnation { get; init; }

    /// <summary>The flow's definition.</summary>
    [Id(1)] public FlowDefinition? Definition { get; init; }

    /// <summary>The flow's tags.</summary>
    [Id(2)] public ImmutableSortedDictionary<string, string> Tags { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The flow's status.</summary>
    [Id(3)] public FlowStatus Status { get; init; }

    /// <summary>Why the flow has its status, when there is something to say.</summary>
    [Id(4)] public string? StatusMessage { get; init; }

    /// <summary>When the flow was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the flow's definition or status last changed.</summary>
    [Id(6)] public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When a Scheduled flow was last activated: rate schedules count their slots from here.</summary>
    [Id(14)] public DateTimeOffset? ActivatedAt { get; init; }

    /// <summary>
    /// The latest scheduled slot already handled (run, skipped or missed), as a slot time before any offset;
    /// no slot up to it runs again, whatever later updates do to the offset.
    /// </summary>
    [Id(15)] public DateTimeOffset? LastSlotAt { get; init; }

    /// <summary>Failed runs in a row since the last successful one (or the last activation).</summary>
    [Id(16)] public int ConsecutiveFailures { get; init; }

    /// <summary>Where the last successful scheduled run's data window ended: the next incremental pull starts here.</summary>
    [Id(17)] public DateTimeOffset? PulledUntil { get; init; }

    /// <summary>The last change made under a clientToken, written with the change itself, so its token can be told stored.</summary>
    [Id(19)] public GuardedChange? LastChange { get; init; }

    /// <summary>Whether the flow exists.</summary>
    public bool Exists => Incarnation is not null;
}
