using System.Collections.Concurrent;
using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.Grains.Ledger;

/// <summary>
/// The ledger of the embedded profile: one silo's memory, gone when it stops, as the rest of that profile's
/// state is. Each life's runs sit behind a lock of their own, so starts of different flows never wait on each other.
/// </summary>
public sealed class InMemoryFlowLedgerStore : IFlowLedgerStore
{
    private readonly ConcurrentDictionary<TokenKey, LedgerToken> _tokens = new();
    private readonly ConcurrentDictionary<FlowLife, LifeRuns> _runs = new();
    private long _sequence;

    /// <inheritdoc />
    public Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now)
    {
        var runs = _runs.GetOrAdd(start.Life, _ => new LifeRuns());
        lock (runs)
        {
            if (start.Token is { } token)
            {
                var key = new TokenKey(start.Life, token.Operation, token.TokenHash);
                if (_tokens.TryGetValue(key, out var stored) && stored.IsActiveAt(now))
                {
                    return Task.FromResult<LedgerToken?>(stored);
                }

                _tokens[key] = token;
            }

            runs.Add(start.Run with { Sequence = Interlocked.Increment(ref _sequence) });
        }

        return Task.FromResult<LedgerToken?>(null);
    }

    /// <inheritdoc />
    public Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now) =>
        Task.FromResult(_tokens.TryGetValue(new TokenKey(life, operation, tokenHash), out var stored) && stored.IsActiveAt(now) ? stored : null);

    /// <inheritdoc />
    public Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now)
    {
        var key = new TokenKey(life, token.Operation, token.TokenHash);
        while (true)
        {
            if (!_tokens.TryGetValue(key, out var stored))
            {
                if (_tokens.TryAdd(key, token))
                {
                    return Task.FromResult<LedgerToken?>(null);
                }

                continue;
            }

            var replaceable = !stored.IsActiveAt(now) || (!stored.Settled && replacing is not null && stored.ChangeId == replacing);
            if (!replaceable)
            {
                return Task.FromResult<LedgerToken?>(stored);
            }

            if (_tokens.TryUpdate(key, token, stored))
            {
                return Task.FromResult<LedgerToken?>(null);
            }
        }
    }

    /// <inheritdoc />
    public Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId)
    {
        var key = new TokenKey(life, operation, tokenHash);
        if (_tokens.TryGetValue(key, out var stored) && !stored.Settled && stored.ChangeId == changeId)
        {
            _tokens.TryUpdate(key, stored with { Settled = true }, stored);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run)
    {
        if (!_runs.TryGetValue(life, out var runs))
        {
            return Task.FromResult(false);
        }

        lock (runs)
        {
            return Task.FromResult(runs.Replace(expected, run));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life)
    {
        if (!_runs.TryGetValue(life, out var runs))
        {
            return Task.FromResult<IReadOnlyList<LedgerRun>>([]);
        }

        lock (runs)
        {
            return Task.FromResult<IReadOnlyList<LedgerRun>>(runs.Unfinished());
        }
    }

    /// <inheritdoc />
    public Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max)
    {
        if (!_runs.TryGetValue(life, out var runs))
        {
            return Task.FromResult(new RunHistoryPage([], null));
        }

        lock (runs)
        {
            return Task.FromResult(runs.NewestFirst(before ?? long.MaxValue, max));
        }
    }

    /// <inheritdoc />
    public Task ForgetLifeAsync(FlowLife life)
    {
        _runs.TryRemove(life, out _);
        foreach (var key in _tokens.Keys.Where(key => key.Life == life))
        {
            _tokens.TryRemove(key, out _);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max)
    {
        var removed = 0;
        foreach (var (key, token) in _tokens)
        {
            if (removed >= max)
            {
                break;
            }

            if (!token.IsActiveAt(now) && _tokens.TryRemove(new KeyValuePair<TokenKey, LedgerToken>(key, token)))
            {
                removed++;
            }
        }

        return Task.FromResult(removed);
    }

    /// <inheritdoc />
    public Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max)
    {
        var removed = 0;
        foreach (var runs in _runs.Values)
        {
            if (removed >= max)
            {
                break;
            }

            lock (runs)
            {
                removed += runs.RemoveFinishedBefore(cutoff, max - removed);
            }
        }

        return Task.FromResult(removed);
    }

    private readonly record struct TokenKey(FlowLife Life, string Operation, string TokenHash);

    /// <summary>A life's runs in sequence order, with an index by execution id; guarded by locking the instance.</summary>
    private sealed class LifeRuns
    {
        private readonly SortedList<long, LedgerRun> _bySequence = [];
        private readonly Dictionary<string, long> _sequenceOf = new(StringComparer.Ordinal);

        public void Add(LedgerRun run)
        {
            _bySequence.Add(run.Sequence, run);
            _sequenceOf[run.ExecutionId] = run.Sequence;
        }

        public bool Replace(ExecutionStatus expected, LedgerRun run)
        {
            if (!_sequenceOf.TryGetValue(run.ExecutionId, out var sequence) || _bySequence[sequence].Record.ExecutionStatus != expected)
            {
                return false;
            }

            _bySequence[sequence] = run with { Sequence = sequence };
            return true;
        }

        public List<LedgerRun> Unfinished() => [.. _bySequence.Values.Where(run => run.IsUnfinished)];

        public RunHistoryPage NewestFirst(long before, int max)
        {
            var records = ImmutableArray.CreateBuilder<ExecutionRecord>(max);
            var keys = _bySequence.Keys;
            var index = BinarySearchBelow(keys, before);
            for (; index >= 0 && records.Count < max; index--)
            {
                records.Add(_bySequence.Values[index].Record);
            }

            long? next = index >= 0 ? keys[index + 1] : null;
            return new RunHistoryPage(records.ToImmutable(), next);
        }

        public int RemoveFinishedBefore(DateTimeOffset cutoff, int max)
        {
            var expired = _bySequence.Values
                .Where(run => !run.IsUnfinished && run.Record.LastUpdatedAt < cutoff)
                .Take(max)
                .ToList();
            foreach (var run in expired)
            {
                _bySequence.Remove(run.Sequence);
                _sequenceOf.Remove(run.ExecutionId);
            }

            return expired.Count;
        }

        /// <summary>The index of the last sequence below <paramref name="before"/>, or -1.</summary>
        private static int BinarySearchBelow(IList<long> keys, long before)
        {
            var (low, high) = (0, keys.Count - 1);
            while (low <= high)
            {
                var middle = (low + high) / 2;
                if (keys[middle] < before)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle - 1;
                }
            }

            return high;
        }
    }
}
