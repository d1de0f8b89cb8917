using FlowGrains.Grains.Hosting;
using Orleans.Storage;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// The tokens of a flow's updates and activations, listed in pages of <see cref="PageSize"/> so that
/// expired outcomes can be found and removed. Appending rewrites one small page, never the whole list.
/// (Run tokens are listed on their run-record pages instead, which are written anyway.)
/// </summary>
internal sealed class TokenJournal(IGrainStorage storage, string flowName, string incarnation)
{
    public const int PageSize = 25;
    private const string GrainType = "flowtokenjournal";
    private IGrainState<TokenJournalPage>? _current;
    private int _currentPage = -1;

    /// <summary>Lists <paramref name="token"/>; a new page raises <paramref name="pageCount"/>, which the caller stores with its own write.</summary>
    public async Task AppendAsync(TokenExpiry token, int pageCount, Action<int> newPageCount)
    {
        if (_current is null || _currentPage != pageCount - 1)
        {
            _currentPage = Math.Max(0, pageCount - 1);
            _current = await ReadPageAsync(_currentPage);
        }

        if (pageCount == 0 || _current.State!.Tokens.Count >= PageSize)
        {
            // A page left behind by a crash before the page count was stored is read, so its etag is known.
            _currentPage = pageCount;
            _current = await ReadPageAsync(_currentPage);
            newPageCount(pageCount + 1);
        }

        _current.State!.Tokens.Add(token);
        try
        {
            await storage.WriteStateAsync(FlowStorageNames.TokenJournalState, PageId(_currentPage), _current);
        }
        catch
        {
            _current.State!.Tokens.RemoveAt(_current.State!.Tokens.Count - 1);
            throw;
        }
    }

    public async Task<IReadOnlyList<TokenExpiry>> ReadTokensAsync(int page) =>
        page == _currentPage && _current is not null ? [.. _current.State!.Tokens] : (await ReadPageAsync(page)).State!.Tokens;

    public async Task ClearAsync(int pageCount)
    {
        for (var page = 0; page < pageCount; page++)
        {
            var state = await ReadPageAsync(page);
            if (state.RecordExists)
            {
                await storage.ClearStateAsync(FlowStorageNames.TokenJournalState, PageId(page), state);
            }
        }

        _current = null;
        _currentPage = -1;
    }

    private async Task<IGrainState<TokenJournalPage>> ReadPageAsync(int page)
    {
        var state = new GrainState<TokenJournalPage>(new TokenJournalPage());
        await storage.ReadStateAsync(FlowStorageNames.TokenJournalState, PageId(page), state);
        state.State ??= new TokenJournalPage();
        return state;
    }

    private GrainId PageId(int page) => GrainId.Create(GrainType, $"{flowName}/{incarnation}/{page}");
}

/// <summary>One stored page of a flow's update and activation tokens, oldest first.</summary>
[GenerateSerializer, Alias("FlowGrains.TokenJournalPage")]
public sealed class TokenJournalPage
{
    /// <summary>The tokens of this page, in the order they were accepted.</summary>
    [Id(0)]
    public List<TokenExpiry> Tokens { get; set; } = [];
}
