using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Testing.Ledger;

/// <summary>
/// A ledger whose starts are stored and then reported as failed, the way a connection lost after the commit
/// looks to the caller. Everything else goes straight to the inner store.
/// </summary>
public sealed class CommitThenThrowLedger(IFlowLedgerStore inner) : IFlowLedgerStore
{
    /// <summary>The message of the failure every start reports.</summary>
    public const string Failure = "The connection was lost after the commit.";

    /// <inheritdoc />
    public async Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now)
    {
        await inner.StartRunAsync(start, now);
        throw new TimeoutException(Failure);
    }

    /// <inheritdoc />
    public Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now) =>
        inner.FindTokenAsync(life, operation, tokenHash, now);

    /// <inheritdoc />
    public Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now) =>
        inner.ClaimTokenAsync(life, token, replacing, now);

    /// <inheritdoc />
    public Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId) =>
        inner.SettleTokenAsync(life, operation, tokenHash, changeId);

    /// <inheritdoc />
    public Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run) => inner.UpdateRunAsync(life, expected, run);

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life) => inner.ReadUnfinishedRunsAsync(life);

    /// <inheritdoc />
    public Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max) => inner.ReadRunsAsync(life, before, max);

    /// <inheritdoc />
    public Task ForgetLifeAsync(FlowLife life) => inner.ForgetLifeAsync(life);

    /// <inheritdoc />
    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max) => inner.PurgeExpiredTokensAsync(now, max);

    /// <inheritdoc />
    public Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max) => inner.PurgeRunsAsync(cutoff, max);
}
