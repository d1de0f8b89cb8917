using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Tokens;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// Removing stored token outcomes once they expire, so storage holds only the tokens of the last hours.
/// Every token written is listed where it was written: run tokens on their run-record page, update and
/// activation tokens in the token journal, create tokens in the flow state. A sweep walks those lists
/// from where the last one stopped, and clears at least twice as many entries as were added since, so
/// it keeps up with any steady rate of new tokens.
/// </summary>
public sealed partial class FlowGrain
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    private const int MinSweepBudget = 500;
    private const int ClearsInParallel = 64;
    private DateTimeOffset _nextSweepAt = DateTimeOffset.MinValue;
    private int _tokensSinceSweep;
    private TokenJournal? _journal;

    private TokenJournal Journal => _journal ??= new TokenJournal(storage, Name, state.State.Incarnation!);

    /// <summary>Lists an update or activation token in the journal; the caller's state write stores a new page count.</summary>
    private async Task JournalAsync(TokenExpiry? token)
    {
        if (token is not null)
        {
            await Journal.AppendAsync(token, state.State.TokenJournalPageCount, count => state.State.TokenJournalPageCount = count);
        }
    }

    /// <summary>
    /// At most once a minute (flow time) clears expired token entries. Best effort: a storage failure here
    /// is logged and retried by a later sweep, never the failure of the call that triggered it.
    /// </summary>
    private async Task SweepExpiredTokensAsync(DateTimeOffset now)
    {
        if (now < _nextSweepAt)
        {
            return;
        }

        _nextSweepAt = now + SweepInterval;
        var budget = Math.Max(MinSweepBudget, 2 * _tokensSinceSweep);
        _tokensSinceSweep = 0;
        var changed = false;
        try
        {
            var expiredCreates = state.State.CreateTokens.Where(token => token.ExpiresAt <= now).ToList();
            if (expiredCreates.Count > 0)
            {
                await ClearExpiredAsync(expiredCreates, now);
                state.State.CreateTokens.RemoveAll(token => token.ExpiresAt <= now);
                budget -= expiredCreates.Count;
                changed = true;
            }

            while (Exists && budget > 0 && state.State.OldestTokenPage < History.PageCount - 1
                && await SweepPageAsync(await History.ReadTokensAsync(state.State.OldestTokenPage), now) is { } runTokens)
            {
                state.State.OldestTokenPage++;
                budget -= runTokens;
                changed = true;
            }

            while (Exists && budget > 0 && state.State.OldestJournalPage < state.State.TokenJournalPageCount - 1
                && await SweepPageAsync(await Journal.ReadTokensAsync(state.State.OldestJournalPage), now) is { } journalTokens)
            {
                state.State.OldestJournalPage++;
                budget -= journalTokens;
                changed = true;
            }

            changed |= Exists && await PurgeExpiredRecordsAsync(now);
        }
        catch (Exception exception)
        {
            GrainsLog.TokenSweepFailed(logger, exception, Name);
        }

        if (changed)
        {
            await SaveSweepProgressAsync();
        }
    }

    /// <summary>Clears a full page whose newest token has expired and returns how many it held; null when it cannot be swept yet.</summary>
    private async Task<int?> SweepPageAsync(IReadOnlyList<TokenExpiry> tokens, DateTimeOffset now)
    {
        // Pages fill in time order, so the newest token of a page expires last.
        if (tokens.Count > 0 && tokens[^1].ExpiresAt > now)
        {
            return null;
        }

        await ClearExpiredAsync(tokens, now);
        return Math.Max(1, tokens.Count);
    }

    private async Task ClearExpiredAsync(IEnumerable<TokenExpiry> tokens, DateTimeOffset now)
    {
        foreach (var batch in tokens.Chunk(ClearsInParallel))
        {
            await Task.WhenAll(batch.Select(token => _tokens.ClearIfExpiredAsync(token.Key, now)));
        }
    }

    private async Task SaveSweepProgressAsync()
    {
        try
        {
            if (Exists || state.State.CreateTokens.Count > 0)
            {
                await state.WriteStateAsync();
            }
            else
            {
                await state.ClearStateAsync();
            }
        }
        catch (Exception exception)
        {
            // The progress stays in memory and is stored with the next write of the flow state.
            GrainsLog.TokenSweepFailed(logger, exception, Name);
        }
    }

    /// <summary>
    /// Removes the stored outcomes of a deleted life's start and update tokens, with its run records and
    /// journal. Called after the flow itself is gone, so a failure here leaves unreachable entries behind,
    /// never a flow whose tokens were forgotten.
    /// </summary>
    private async Task ClearLifeAsync(
        ExecutionHistory history, TokenJournal journal, (int OldestTokenPage, int OldestJournalPage, int TokenJournalPageCount) life)
    {
        var forever = DateTimeOffset.MaxValue;
        for (var page = life.OldestTokenPage; page < history.PageCount; page++)
        {
            await ClearExpiredAsync(await history.ReadTokensAsync(page), forever);
        }

        for (var page = life.OldestJournalPage; page < life.TokenJournalPageCount; page++)
        {
            await ClearExpiredAsync(await journal.ReadTokensAsync(page), forever);
        }

        await history.ClearAsync();
        await journal.ClearAsync(life.TokenJournalPageCount);
    }
}
