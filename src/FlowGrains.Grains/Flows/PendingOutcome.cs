namespace FlowGrains.Grains.Flows;

/// <summary>
/// The result of an operation whose effects are stored but not yet acknowledged: <see cref="Commit"/> runs
/// once its clientToken is recorded, <see cref="Abandon"/> undoes the effects when recording fails.
/// A stored run <see cref="CompletedByRecovery"/>: when it is unknown whether its token was recorded, it is
/// not abandoned but left to recovery, which records the token if it is missing and then runs it.
/// </summary>
internal sealed record PendingOutcome<TResult>(
    TResult Result, Func<Task>? Commit = null, Func<Task>? Abandon = null, bool CompletedByRecovery = false)
    where TResult : class;
