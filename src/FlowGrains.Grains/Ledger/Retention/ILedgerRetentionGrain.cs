namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>
/// The cluster's one remover of expired clientTokens and of run records past
/// <see cref="Hosting.FlowGrainsOptions.ExecutionRecordRetention"/>, of every flow, whether or not anyone calls the flow.
/// A reminder drives it every <see cref="LedgerRetentionOptions.Period"/>; use key <see cref="Key"/>.
/// </summary>
public interface ILedgerRetentionGrain : IGrainWithIntegerKey
{
    /// <summary>The only key this grain is used under, so the cluster has one owner of retention at a time.</summary>
    public const long Key = 0;

    /// <summary>Registers the retention reminder unless it is registered already; a registered one keeps its next tick.</summary>
    Task EnsureStartedAsync();

    /// <summary>
    /// Does one tick's work now, in batches of <see cref="LedgerRetentionOptions.BatchSize"/> rows, at most
    /// <see cref="LedgerRetentionOptions.MaxBatchesPerTick"/> batches of each kind; a store failure is thrown to the caller.
    /// </summary>
    Task<LedgerPurge> PurgeNowAsync();
}
