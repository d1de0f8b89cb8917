using FlowGrains.Grains.Ledger;

namespace FlowGrains.Postgres.Ledger;

/// <summary>A start waiting for its batch; completes with what <see cref="IFlowLedgerStore.StartRunAsync"/> returns.</summary>
internal sealed class PendingStart(RunStart start, DateTimeOffset now) : IPendingWrite
{
    public RunStart Start { get; } = start;

    public DateTimeOffset Now { get; } = now;

    // Continuations run on the pool, not on the flusher that completes them, so one slow caller never holds up a batch.
    public TaskCompletionSource<LedgerToken?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Fail(Exception exception) => Completion.TrySetException(exception);
}
