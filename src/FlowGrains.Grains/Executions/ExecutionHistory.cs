using System.Collections.Immutable;
using FlowGrains.Contracts.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Grains.Tokens;
using Orleans.Storage;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// A flow's run records, stored in pages of <see cref="PageSize"/> so recording a run rewrites one small
/// page, never the whole history. Records are numbered from 0 (oldest); the newest page stays in memory.
/// </summary>
internal sealed class ExecutionHistory(IGrainStorage storage, string flowName, string incarnation)
{
    public const int PageSize = 25;
    private const string GrainType = "flowexecutions";
    private readonly Dictionary<string, int> _unfinished = new(StringComparer.Ordinal);
    private IGrainState<ExecutionPage> _current = new GrainState<ExecutionPage>(new ExecutionPage());

    private bool _currentDirty;

    public int PageCount { get; private set; }

    public long Count => PageCount == 0 ? 0 : ((long)(PageCount - 1) * PageSize) + _current.State!.Records.Count;

    /// <summary>Run ids that are in progress or being cancelled, with their page.</summary>
    public IReadOnlyDictionary<string, int> Unfinished => _unfinished;

    public ExecutionRecord? Newest => _current.State!.Records.Count > 0 ? _current.State!.Records[^1] : null;

    /// <summary>
    /// Loads the newest page and finds the unfinished runs, which all lie between
    /// <paramref name="oldestUnfinishedPage"/> and the newest page.
    /// </summary>
    public async Task LoadAsync(int pageCount, int oldestUnfinishedPage)
    {
        PageCount = pageCount;
        _unfinished.Clear();
        if (pageCount == 0)
        {
            return;
        }

        _current = await ReadPageAsync(pageCount - 1);
        for (var page = Math.Max(0, oldestUnfinishedPage); page < pageCount - 1; page++)
        {
            TrackUnfinished(page, (await ReadPageAsync(page)).State!);
        }

        TrackUnfinished(pageCount - 1, _current.State!);
    }

    /// <summary>
    /// Appends a record. Before a new page is first written, <paramref name="persistPages"/> stores the
    /// new page count and the oldest page that still holds an unfinished run.
    /// </summary>
    public async Task<int> AppendAsync(ExecutionRecord record, TokenExpiry? token, Func<int, int, Task> persistPages)
    {
        if (PageCount == 0 || _current.State!.Records.Count >= PageSize)
        {
            await FlushAsync();
            var oldestUnfinished = _unfinished.Count > 0 ? _unfinished.Values.Min() : PageCount;
            await persistPages(PageCount + 1, oldestUnfinished);
            PageCount++;
            _current = new GrainState<ExecutionPage>(new ExecutionPage());
        }

        var page = PageCount - 1;
        _current.State!.Records.Add(record);
        if (token is not null)
        {
            _current.State!.Tokens.Add(token);
        }

        try
        {
            await WritePageAsync(page, _current);
            _currentDirty = false;
        }
        catch
        {
            _current.State!.Records.RemoveAt(_current.State!.Records.Count - 1);
            if (token is not null)
            {
                _current.State!.Tokens.RemoveAt(_current.State!.Tokens.Count - 1);
            }

            throw;
        }

        _unfinished[record.ExecutionId] = page;
        return page;
    }

    /// <summary>
    /// Replaces the record of <paramref name="executionId"/> with what <paramref name="update"/> makes of it;
    /// false, with nothing written, when the record is not on that page or <paramref name="update"/> returns null.
    /// With <paramref name="deferWrite"/>, a change to the newest page is only marked for the next
    /// <see cref="FlushAsync"/> (or the next append), so bursts of run outcomes share one write.
    /// </summary>
    public async Task<bool> UpdateAsync(string executionId, int page, Func<ExecutionRecord, ExecutionRecord?> update, bool deferWrite = false)
    {
        var state = page == PageCount - 1 ? _current : await ReadPageAsync(page);
        var index = state.State!.Records.FindIndex(record => record.ExecutionId == executionId);
        if (index < 0)
        {
            return false;
        }

        var previous = state.State!.Records[index];
        if (update(previous) is not { } updated)
        {
            return false;
        }

        state.State!.Records[index] = updated;
        if (deferWrite && page == PageCount - 1)
        {
            _currentDirty = true;
        }
        else
        {
            try
            {
                await WritePageAsync(page, state);
                _currentDirty &= page != PageCount - 1;
            }
            catch
            {
                state.State!.Records[index] = previous;
                throw;
            }
        }

        if (state.State!.Records[index].ExecutionStatus is ExecutionStatus.InProgress or ExecutionStatus.CancelStarted)
        {
            _unfinished[executionId] = page;
        }
        else
        {
            _unfinished.Remove(executionId);
        }

        return true;
    }

    /// <summary>Up to <paramref name="max"/> records, newest first, starting at record number <paramref name="from"/>.</summary>
    public async Task<(ImmutableArray<ExecutionRecord> Records, long Next)> ReadNewestFirstAsync(long from, int max)
    {
        var records = ImmutableArray.CreateBuilder<ExecutionRecord>(max);
        var position = Math.Min(from, Count - 1);
        while (position >= 0 && records.Count < max)
        {
            var page = (int)(position / PageSize);
            var state = page == PageCount - 1 ? _current.State! : (await ReadPageAsync(page)).State!;
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
    public async Task<IReadOnlyList<TokenExpiry>> ReadTokensAsync(int page) =>
        page == PageCount - 1 ? [.. _current.State!.Tokens] : (await ReadPageAsync(page)).State!.Tokens;

    /// <summary>Writes the newest page if it holds deferred changes.</summary>
    public async Task FlushAsync()
    {
        if (_currentDirty)
        {
            await WritePageAsync(PageCount - 1, _current);
            _currentDirty = false;
        }
    }

    public async Task ClearAsync()
    {
        for (var page = 0; page < PageCount; page++)
        {
            var state = await ReadPageAsync(page);
            if (state.RecordExists)
            {
                await storage.ClearStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), state);
            }
        }

        PageCount = 0;
        _current = new GrainState<ExecutionPage>(new ExecutionPage());
        _currentDirty = false;
        _unfinished.Clear();
    }

    private void TrackUnfinished(int page, ExecutionPage state)
    {
        foreach (var record in state.Records)
        {
            if (record.ExecutionStatus is ExecutionStatus.InProgress or ExecutionStatus.CancelStarted)
            {
                _unfinished[record.ExecutionId] = page;
            }
        }
    }

    private async Task<IGrainState<ExecutionPage>> ReadPageAsync(int page)
    {
        var state = new GrainState<ExecutionPage>(new ExecutionPage());
        await storage.ReadStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), state);
        state.State ??= new ExecutionPage();
        return state;
    }

    private Task WritePageAsync(int page, IGrainState<ExecutionPage> state) =>
        storage.WriteStateAsync(FlowStorageNames.ExecutionPageState, PageId(page), state);

    private GrainId PageId(int page) => GrainId.Create(GrainType, $"{flowName}/{incarnation}/{page}");
}
