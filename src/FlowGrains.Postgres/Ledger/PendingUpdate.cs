using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Postgres.Ledger;

/// <summary>A run update waiting for its batch; completes with what <see cref="IFlowLedgerStore.UpdateRunAsync"/> returns.</summary>
internal sealed class PendingUpdate(FlowLife life, ExecutionStatus expected, LedgerRun run) : IPendingWrite
{
    public FlowLife Life { get; } = life;

    public ExecutionStatus Expected { get; } = expected;

    public LedgerRun Run { get; } = run;

    /// <summary>The run's identity: a statement updates each at most once.</summary>
    public (FlowLife Life, string ExecutionId) Key => (Life, Run.ExecutionId);

    // As PendingStart's: the flusher never runs a caller's continuation.
    public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Fail(Exception exception) => Completion.TrySetException(exception);
}
