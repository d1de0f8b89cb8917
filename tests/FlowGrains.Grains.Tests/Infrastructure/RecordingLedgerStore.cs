using System.Collections.Concurrent;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A ledger store that passes everything to <see cref="Inner"/>, records each purge it is asked for, and fails
/// purges while <see cref="FailPurges"/> is set.
/// </summary>
public sealed class RecordingLedgerStore(IFlowLedgerStore inner) : IFlowLedgerStore
{
    public IFlowLedgerStore Inner => inner;

    public volatile bool FailPurges;

    /// <summary>Every purge asked for, in order: which kind, its time bound, its batch size, and how many rows it removed (-1: it failed).</summary>
    public ConcurrentQueue<PurgeCall> Purges { get; } = new();

    public Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now) => inner.StartRunAsync(start, now);

    public Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now) =>
        inner.FindTokenAsync(life, operation, tokenHash, now);

    public Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now) =>
        inner.ClaimTokenAsync(life, token, replacing, now);

    public Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId) =>
        inner.SettleTokenAsync(life, operation, tokenHash, changeId);

    public Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run) => inner.UpdateRunAsync(life, expected, run);

    public Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life) => inner.ReadUnfinishedRunsAsync(life);

    public Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max) => inner.ReadRunsAsync(life, before, max);

    public Task ForgetLifeAsync(FlowLife life) => inner.ForgetLifeAsync(life);

    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max) =>
        RecordAsync(PurgeKind.Tokens, now, max, () => inner.PurgeExpiredTokensAsync(now, max));

    public Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max) =>
        RecordAsync(PurgeKind.Runs, cutoff, max, () => inner.PurgeRunsAsync(cutoff, max));

    private async Task<int> RecordAsync(PurgeKind kind, DateTimeOffset bound, int max, Func<Task<int>> purge)
    {
        if (FailPurges)
        {
            Purges.Enqueue(new PurgeCall(kind, bound, max, -1));
            throw new IOException($"Injected failure of a {kind} purge.");
        }

        var removed = await purge();
        Purges.Enqueue(new PurgeCall(kind, bound, max, removed));
        return removed;
    }
}

public enum PurgeKind
{
    Tokens,
    Runs,
}

public sealed record PurgeCall(PurgeKind Kind, DateTimeOffset Bound, int Max, int Removed);
