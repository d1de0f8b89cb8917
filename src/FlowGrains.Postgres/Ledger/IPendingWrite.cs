namespace FlowGrains.Postgres.Ledger;

/// <summary>A write waiting in a <see cref="GroupCommit{TPending}"/> for its batch.</summary>
internal interface IPendingWrite
{
    /// <summary>Completes the write's caller with <paramref name="exception"/>: its batch was not written, or not known to be.</summary>
    void Fail(Exception exception);
}
