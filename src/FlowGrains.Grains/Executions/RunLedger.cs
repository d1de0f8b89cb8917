using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// One flow life's runs as an activation sees them: the unfinished ones (which recovery, cancellation and
/// run admission look at), the newest record (the flow's last run) and the ids of recent runs (so a
/// scheduled slot is recorded once), over the ledger store that holds them all. Every change is written
/// first and adopted here only once stored.
/// </summary>
internal sealed class RunLedger(IFlowLedgerStore store, FlowLife life)
{
    /// <summary>How many of the newest run ids an activation knows: far more than the slots a late tick may revisit.</summary>
    public const int RecentRuns = 64;

    private readonly Dictionary<string, LedgerRun> _unfinished = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recent = new(StringComparer.Ordinal);
    private readonly Queue<string> _recentOrder = new();

    public FlowLife Life => life;

    /// <summary>Runs in progress or being cancelled, by execution id.</summary>
    public IReadOnlyDictionary<string, LedgerRun> Unfinished => _unfinished;

    /// <summary>The record of the run started last, as last written.</summary>
    public ExecutionRecord? Newest { get; private set; }

    /// <summary>Reads the unfinished runs and the newest ones.</summary>
    public async Task LoadAsync()
    {
        await ReloadUnfinishedAsync();
        var newest = await store.ReadRunsAsync(life, before: null, RecentRuns);
        Newest = newest.Records.FirstOrDefault();
        foreach (var record in newest.Records.Reverse())
        {
            Remember(record.ExecutionId);
        }
    }

    /// <summary>Reads the unfinished runs again: a write whose outcome was unknown may have stored one.</summary>
    public async Task ReloadUnfinishedAsync()
    {
        var unfinished = await store.ReadUnfinishedRunsAsync(life);
        _unfinished.Clear();
        foreach (var run in unfinished)
        {
            _unfinished[run.ExecutionId] = run;
            Remember(run.ExecutionId);
        }
    }

    /// <summary>Stores a new run with its token; null when stored, or the active token that already names another outcome.</summary>
    public async Task<LedgerToken?> StartAsync(LedgerRun run, LedgerToken? token, DateTimeOffset now)
    {
        if (await store.StartRunAsync(new RunStart(life, run, token), now) is { } stored)
        {
            return stored;
        }

        if (run.IsUnfinished)
        {
            _unfinished[run.ExecutionId] = run;
        }

        Newest = run.Record;
        Remember(run.ExecutionId);
        return null;
    }

    /// <summary>Whether one of the newest runs has <paramref name="executionId"/>.</summary>
    public bool HoldsRecent(string executionId) => _recent.Contains(executionId);

    /// <summary>
    /// Writes what <paramref name="update"/> makes of an unfinished run, if its stored status is still the
    /// one seen here; the updated run, or null when nothing was written.
    /// </summary>
    public async Task<LedgerRun?> UpdateAsync(string executionId, Func<LedgerRun, LedgerRun?> update)
    {
        if (!_unfinished.TryGetValue(executionId, out var run) || update(run) is not { } next)
        {
            return null;
        }

        if (!await store.UpdateRunAsync(life, run.Record.ExecutionStatus, next))
        {
            // Another activation moved it on (a duplicate activation during a failover): its write stands.
            _unfinished.Remove(executionId);
            return null;
        }

        // Reports of one run interleave: an end always counts, an update only over the run it was made from.
        if (!next.IsUnfinished)
        {
            _unfinished.Remove(executionId);
        }
        else if (_unfinished.TryGetValue(executionId, out var current) && ReferenceEquals(current, run))
        {
            _unfinished[executionId] = next;
        }

        if (Newest?.ExecutionId == executionId)
        {
            Newest = next.Record;
        }

        return next;
    }

    /// <summary>Up to <paramref name="max"/> records, newest first, older than <paramref name="before"/>.</summary>
    public Task<RunHistoryPage> ReadAsync(long? before, int max) => store.ReadRunsAsync(life, before, max);

    private void Remember(string executionId)
    {
        if (!_recent.Add(executionId))
        {
            return;
        }

        _recentOrder.Enqueue(executionId);
        if (_recentOrder.Count > RecentRuns)
        {
            _recent.Remove(_recentOrder.Dequeue());
        }
    }
}
