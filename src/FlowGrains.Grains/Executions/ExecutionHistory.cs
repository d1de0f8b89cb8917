using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tokens;
using Orleans.Storage;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// A flow's run records, stored in pages of <see cref="PageSize"/> so recording a run rewrites one small
/// page, never the whole history. Records are numbered from 0 (oldest). The newest page and the one
/// before it stay in memory, since that is where runs still in flight report their outcome.
/// </summary>
internal sealed class ExecutionHistory(IGrainStorage storage, string flowName, string incarnation)
{
    public const int PageSize = 25;
    private const string GrainType = "flowexecutions";
    private readonly Dictionary<string, int> _unfinished = new(StringComparer.Ordinal);
    private readonly Dictionary<int, IGrainState<ExecutionPage>> _cached = [];

    public int PageCount { get; private set; }

    /// <summary>Pages before this one were removed by the retention; listings end there.</summary>
    public int FirstRetainedPage { get; set; }

    private ExecutionPage Current => PageCount == 0 ? new ExecutionPage() : _cached[PageCount - 1].State!;

    public long Count => PageCount == 0 ? 0 : ((long)(PageCount - 1) * PageSize) + Current.Records.Count;

    /// <summary>Run ids that are in progress or being cancelled, with their page.</summary>
    public IReadOnlyDictionary<string, int> Unfinished => _unfinished;

    public ExecutionRecord? Newest => Current.Records.Count > 0 ? Current.Records[^1] : null;

    /// <summary>
    /// Loads the newest pages and finds the unfinished runs, which all lie between
    /// <paramref name="oldestUnfinishedPage"/> and the newest page.
    /// </summary>
    public async Task LoadAsync(int pageCount, int oldestUnfinishedPage)
    {
        PageCount = pageCount;
        _unfinished.Clear();
        _cached.Clear();
        for (var page = Math.Max(0, Math.Min(oldestUnfinishedPage, pageCount - 2)); page < pageCount; page++)
        {
            var state = await ReadPageAsync(page);
            TrackUnfinished(page, state.State!);
            if (page >= pageCount - 2)
            {
                _cached[page] = state;
            }
        }
    }

    /// <summary>
    /// Appends a record. Before a new page is first written, <paramref name="persistPages"/> stores the
    /// new page count and the oldest page that still holds an unfinished run.
    /// </summary>
    public async Task<int> AppendAsync(
        ExecutionRecord record, TokenExpiry? token, Func<int, int, Task> persistPages, Func<int, PendingRun>? pending = null)
    {
        if (PageCount == 0 || Current.Records.Count >= PageSize)
        {
            var oldestUnfinished = _unfinished.Count > 0 ? _unfinished.Values.Min() : PageCount;
            await persistPages(PageCount + 1, oldestUnfinished);
            PageCount++;
            _cached[PageCount - 1] = new GrainState<ExecutionPage>(new ExecutionPage());
            _cached.Remove(PageCount - 3);
        }

        var page = PageCount - 1;
        var cached = _cached[page];
        cached.State!.Records.Add(record);
        if (token is not null)
        {
            cached.State!.Tokens.Add(token);
        }

        if (pending is not null)
        {
            cached.State!.Pending[record.ExecutionId] = pending(page);
        }

        try
        {
            await WritePageAsync(page, cached);
        }
        catch
        {
            cached.State!.Records.RemoveAt(cached.State!.Records.Count - 1);
            if (token is not null)
            {
                cached.State!.Tokens.RemoveAt(cached.State!.Tokens.Count - 1);
            }

            cached.State!.Pending.Remove(record.ExecutionId);
            throw;
        }

        if (IsUnfinished(record))
        {
            _unfinished[record.ExecutionId] = page;
        }

        return page;
    }

    /// <summary>
    /// Replaces the record of <paramref name="executionId"/> with what <paramref name="update"/> makes of it;
    /// false, with nothing written, when the record is not on that page or <paramref name="update"/> returns null.
    /// </summary>
    public async Task<bool> UpdateAsync(string executionId, int page, Func<ExecutionRecord, ExecutionRecord?> update)
    {
        var cached = await CachedOrReadAsync(page);
        var records = cached.State!.Records;
        var index = records.FindIndex(record => record.ExecutionId == executionId);
        if (index < 0 || update(records[index]) is not { } updated)
        {
            return false;
        }

        var previous = records[index];
        var pending = cached.State!.Pending;
        var previousPending = pending.GetValueOrDefault(executionId);
        records[index] = updated;
        if (!IsUnfinished(updated))
        {
            pending.Remove(executionId);
        }

        try
        {
            await WritePageAsync(page, cached);
        }
        catch
        {
            records[index] = previous;
            if (previousPending is not null)
            {
                pending[executionId] = previousPending;
            }

            throw;
        }

        if (IsUnfinished(updated))
        {
            _unfinished[executionId] = page;
        }
        else
        {
            _unfinished.Remove(executionId);
        }

        return true;
    }

    /// <summary>Whether one of the two newest pages holds a record of <paramref name="executionId"/>.</summary>
    public bool HoldsRecent(string executionId) =>
        _cached.Values.Any(page => page.State!.Records.Exists(record => record.ExecutionId == executionId));

    /// <summary>The record of <paramref name="executionId"/> on <paramref name="page"/> and, while it is unfinished, what it needs to run again.</summary>
    public async Task<(ExecutionRecord? Record, PendingRun? Pending)> FindAsync(string executionId, int page)
    {
        var state = (await CachedOrReadAsync(page)).State!;
        return (state.Records.Find(record => record.ExecutionId == executionId), state.Pending.GetValueOrDefault(executionId));
    }

    /// <summary>Records that <paramref name="pending"/>'s run is now launched by another silo.</summary>
    public async Task SetPendingAsync(string executionId, int page, PendingRun pending)
    {
        var cached = await CachedOrReadAsync(page);
        var previous = cached.State!.Pending.GetValueOrDefault(executionId);
        cached.State!.Pending[executionId] = pending;
        try
        {
            await WritePageAsync(page, cached);
        }
        catch
        {
            if (previous is null)
            {
                cached.State!.Pending.Remove(executionId);
            }
            else
            {
                cached.State!.Pending[executionId] = previous;
            }

            throw;
        }
    }

    /// <summary>Up to <paramref name="max"/> records, newest first, starting at record number <paramref name="from"/>.</summary>
    public async Task<(ImmutableArray<ExecutionRecord> Records, long Next)> ReadNewestFirstAsync(long from, int max)
    {
        var records = ImmutableArray.CreateBuilder<ExecutionRecord>(max);
        var position = Math.Min(from, Count - 1);
        while (position >= 0 && records.Count < max)
        {
            var page = (int)(position / PageSize);
            if (page < FirstRetainedPage)
            {
                position = -1;
                break;
            }

            var state = _cached.TryGetValue(page, out var cached) ? cached.State! : (await ReadPageAsync(page)).State!;
            for (var index = (int)(position % PageSize); index >= 0 && records.Count < max; index--, position--)
            {
                if (index < state.Records.Count)
                {
                    records.Add(state.Records[index]);
                }
            }
        }

        return (records.ToImmutable(), position);
    }

    /// <summary>The clientTokens recorded on <paramref name="page"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TokenExpiry>> ReadTokensAsync(int page) => [.. (await CachedOrReadAsync(page)).State!.Tokens];

    /// <summary>
    /// Removes <paramref name="page"/> when every record on it was last updated before <paramref name="cutoff"/>
    /// and none is unfinished; false, with nothing removed, otherwise. Pages held in memory are never removed.
    /// </summary>
    public async Task<bool> RemoveIfAllBeforeAsync(int page, DateTimeOffset cutoff)
    {
        if (_cached.ContainsKey(page) || _unfinished.ContainsValue(page))
        {
            return false;
        }

        var state = await ReadPageAsync(page);
        if (state.State!.Records.Any(record => record.LastUpdatedAt >= cutoff || IsUnfinished(record)))
        {
            return false;
        }

        if (state.RecordExists)
        {
            await storage.ClearStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), state);
        }

        return true;
    }

    public async Task ClearAsync()
    {
        for (var page = FirstRetainedPage; page < PageCount; page++)
        {
            var state = await ReadPageAsync(page);
            if (state.RecordExists)
            {
                await storage.ClearStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), state);
            }
        }

        PageCount = 0;
        _cached.Clear();
        _unfinished.Clear();
    }

    private static bool IsUnfinished(ExecutionRecord record) =>
        record.ExecutionStatus is ExecutionStatus.InProgress or ExecutionStatus.CancelStarted;

    private void TrackUnfinished(int page, ExecutionPage state)
    {
        foreach (var record in state.Records)
        {
            if (IsUnfinished(record))
            {
                _unfinished[record.ExecutionId] = page;
            }
        }
    }

    private async Task<IGrainState<ExecutionPage>> CachedOrReadAsync(int page) =>
        _cached.GetValueOrDefault(page) ?? await ReadPageAsync(page);

    private async Task<IGrainState<ExecutionPage>> ReadPageAsync(int page)
    {
        var state = new GrainState<ExecutionPage>(new ExecutionPage());
        await storage.ReadStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), state);
        state.State ??= new ExecutionPage();
        return state;
    }

    private Task WritePageAsync(int page, IGrainState<ExecutionPage> cached) =>
        storage.WriteStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), cached);

    private GrainId PageId(int page) => GrainId.Create(GrainType, $"{flowName}/{incarnation}/{page}");
}
