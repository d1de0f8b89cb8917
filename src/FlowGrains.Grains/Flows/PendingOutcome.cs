namespace FlowGrains.Grains.Flows;

/// <summary>
/// The result of an operation whose effects are stored but not yet acknowledged: <see cref="Commit"/> runs
/// once its clientToken is recorded, <see cref="Abandon"/> undoes the effects when recording fails.
/// </summary>
internal sealed record PendingOutcome<TResult>(TResult Result, Func<Task>? Commit = null, Func<Task>? Abandon = null)
    where TResult : class;
