using FlowGrains.Grains.Flows;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A change of the flow that has passed its checks but is not stored yet: the result it will answer, and
/// the write that stores it (with the <see cref="GuardedChange"/> of its token, when it has one).
/// </summary>
internal sealed record PlannedChange<TResult>(TResult Result, Func<GuardedChange?, Task> StoreAsync)
    where TResult : class;
