using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A ledger store that holds or fails the calls a test picks: failing before they reach the inner store (nothing stored), or
/// after (stored, but the caller hears a failure, as when a connection drops after commit).
/// </summary>
public sealed class FaultyLedgerStore(IFlowLedgerStore inner, LedgerFaults faults) : IFlowLedgerStore, IAsyncDisposable
{
    /// <summary>Replaces the ledger <paramref name="services"/> registered last with one that fails as <paramref name="faults"/> say.</summary>
    public static void Decorate(IServiceCollection services, LedgerFaults faults)
    {
        var registered = services.Last(descriptor => descriptor.ServiceType == typeof(IFlowLedgerStore));
        services.Remove(registered);
        services.AddSingleton<IFlowLedgerStore>(provider => new FaultyLedgerStore(
            (IFlowLedgerStore)(registered.ImplementationInstance
                ?? registered.ImplementationFactory?.Invoke(provider)
                ?? ActivatorUtilities.CreateInstance(provider, registered.ImplementationType!)),
            faults));
    }

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    public Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now) =>
        ApplyAsync(nameof(StartRunAsync), start.Life, () => inner.StartRunAsync(start, now));

    public Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now) =>
        ApplyAsync(nameof(FindTokenAsync), life, () => inner.FindTokenAsync(life, operation, tokenHash, now));

    public Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now) =>
        ApplyAsync(nameof(ClaimTokenAsync), life, () => inner.ClaimTokenAsync(life, token, replacing, now));

    public Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId) =>
        ApplyAsync(nameof(SettleTokenAsync), life, async () =>
        {
            await inner.SettleTokenAsync(life, operation, tokenHash, changeId);
            return true;
        });

    public Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run) =>
        ApplyAsync(nameof(UpdateRunAsync), life, () => inner.UpdateRunAsync(life, expected, run));

    public Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life) =>
        ApplyAsync(nameof(ReadUnfinishedRunsAsync), life, () => inner.ReadUnfinishedRunsAsync(life));

    public Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max) =>
        ApplyAsync(nameof(ReadRunsAsync), life, () => inner.ReadRunsAsync(life, before, max));

    public Task ForgetLifeAsync(FlowLife life) =>
        ApplyAsync(nameof(ForgetLifeAsync), life, async () =>
        {
            await inner.ForgetLifeAsync(life);
            return true;
        });

    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max) => inner.PurgeExpiredTokensAsync(now, max);

    public Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max) => inner.PurgeRunsAsync(cutoff, max);

    private async Task<T> ApplyAsync<T>(string method, FlowLife life, Func<Task<T>> call)
    {
        if (faults.Hold?.Invoke(method, life) is { } hold)
        {
            await hold;
        }

        faults.ThrowIfChosen(faults.Before, method, life, "before storing");
        var result = await call();
        faults.ThrowIfChosen(faults.After, method, life, "after storing");
        return result;
    }
}

/// <summary>Which ledger calls a <see cref="FaultyLedgerStore"/> holds or fails; a test sets them and clears them when done.</summary>
public sealed class LedgerFaults
{
    /// <summary>Calls (by method name and flow) that fail before anything is stored.</summary>
    public volatile Func<string, FlowLife, bool>? Before;

    /// <summary>Calls that are stored and then fail.</summary>
    public volatile Func<string, FlowLife, bool>? After;

    /// <summary>Calls that wait for the returned task (null: no wait) before they go on.</summary>
    public volatile Func<string, FlowLife, Task?>? Hold;

    public int Injected;

    public void Clear() => (Before, After, Hold) = (null, null, null);

    public void ThrowIfChosen(Func<string, FlowLife, bool>? rule, string method, FlowLife life, string when)
    {
        if (rule?.Invoke(method, life) == true)
        {
            Interlocked.Increment(ref Injected);
            throw new IOException($"Injected failure of {method} {when}, for flow {life.FlowName}.");
        }
    }
}
