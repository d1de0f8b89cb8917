using FlowGrains.Grains.Flows;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A change of the flow that has passed its checks but is not stored yet: the result it will answer, the
/// write that stores it (with the <see cref="GuardedChange"/> of its token, when it has one), and what
/// releases the planning's effects elsewhere (a profile told the flow uses it) when the change is certainly
/// not stored.
/// </summary>
internal sealed record PlannedChange<TResult>(TResult Result, Func<GuardedChange?, Task> StoreAsync, Func<Task>? AbandonAsync = null)
    where TResult : class;
