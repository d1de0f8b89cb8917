using System.Diagnostics;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Grains.Telemetry;

/// <summary>The flow ledger, with every write timed into <see cref="FlowMetrics"/>; reads pass through.</summary>
internal sealed class MeasuredLedgerStore(IFlowLedgerStore inner, FlowMetrics metrics) : IFlowLedgerStore
{
    public Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now) =>
        TimeAsync("start", () => inner.StartRunAsync(start, now));

    public Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now) =>
        inner.FindTokenAsync(life, operation, tokenHash, now);

    public Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now) =>
        TimeAsync("claim", () => inner.ClaimTokenAsync(life, token, replacing, now));

    public Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId) =>
        TimeAsync("settle", async () =>
        {
            await inner.SettleTokenAsync(life, operation, tokenHash, changeId);
            return true;
        });

    public Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run) =>
        TimeAsync("update", () => inner.UpdateRunAsync(life, expected, run));

    public Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life) => inner.ReadUnfinishedRunsAsync(life);

    public Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max) => inner.ReadRunsAsync(life, before, max);

    public Task ForgetLifeAsync(FlowLife life) =>
        TimeAsync("forget", async () =>
        {
            await inner.ForgetLifeAsync(life);
            return true;
        });

    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max) => TimeAsync("purge", () => inner.PurgeExpiredTokensAsync(now, max));

    public Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max) => TimeAsync("purge", () => inner.PurgeRunsAsync(cutoff, max));

    private async Task<T> TimeAsync<T>(string operation, Func<Task<T>> write)
    {
        var startedAt = Stopwatch.GetTimestamp();
        try
        {
            return await write();
        }
        finally
        {
            metrics.LedgerWrite(operation, startedAt);
        }
    }
}
