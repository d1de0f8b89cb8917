using FlowGrains.Grains.Tokens;

namespace FlowGrains.Grains.Flows;

/// <summary>
/// Removing stored token outcomes once they expire, so storage holds only the tokens of the last hours.
/// Every token written is listed where it was written: run tokens on their run-record page, other
/// tokens in the flow state. A sweep walks those lists from where the last sweep stopped.
/// </summary>
public sealed partial class FlowGrain
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);
    private const int MaxTokensPerSweep = 1000;
    private DateTimeOffset _nextSweepAt = DateTimeOffset.MinValue;

    private void RememberToken(TokenExpiry? token)
    {
        if (token is not null)
        {
            state.State.RecentTokens.Add(token);
        }
    }

    /// <summary>At most every ten minutes (flow time), clears up to a bounded number of expired token entries.</summary>
    private async Task SweepExpiredTokensAsync(DateTimeOffset now)
    {
        if (now < _nextSweepAt)
        {
            return;
        }

        _nextSweepAt = now + SweepInterval;
        var budget = MaxTokensPerSweep;
        var changed = false;

        var expired = state.State.RecentTokens.Where(token => token.ExpiresAt <= now).Take(budget).ToList();
        foreach (var token in expired)
        {
            await _tokens.ClearIfExpiredAsync(token.Key, now);
            state.State.RecentTokens.Remove(token);
            budget--;
            changed = true;
        }

        // Pages fill in time order; only a full page whose newest token has expired is swept, whole.
        while (Exists && budget > 0 && state.State.OldestTokenPage < History.PageCount - 1)
        {
            var tokens = await History.ReadTokensAsync(state.State.OldestTokenPage);
            if (tokens.Count > 0 && tokens[^1].ExpiresAt > now)
            {
                break;
            }

            foreach (var token in tokens)
            {
                await _tokens.ClearIfExpiredAsync(token.Key, now);
            }

            budget -= Math.Max(1, tokens.Count);
            state.State.OldestTokenPage++;
            changed = true;
        }

        if (changed && (Exists || state.State.RecentTokens.Count > 0))
        {
            await state.WriteStateAsync();
        }
        else if (changed)
        {
            await state.ClearStateAsync();
        }
    }

    /// <summary>Deleting a flow removes the stored outcomes of its start and update tokens at once.</summary>
    private async Task ClearTokensOfThisLifeAsync()
    {
        for (var page = state.State.OldestTokenPage; page < History.PageCount; page++)
        {
            foreach (var token in await History.ReadTokensAsync(page))
            {
                await _tokens.ClearAsync(token.Key);
            }
        }

        var createPrefix = CreateTokenPrefix(Name);
        foreach (var token in state.State.RecentTokens.Where(token => !token.Key.StartsWith(createPrefix, StringComparison.Ordinal)))
        {
            await _tokens.ClearAsync(token.Key);
        }
    }
}
