using FlowGrains.Errors;
using FlowGrains.Grains.Flows;
using FlowGrains.Grains.Ledger;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A flow's clientTokens (start-flow.md): a token names the first call's outcome for 8 hours, and a retry
/// gets that outcome and changes nothing. A start stores its run and token in one ledger write. A change of
/// the flow's state (create, update, activation) cannot share a write with its token, which lives in the
/// ledger while the flow's state lives in grain storage, so its token is claimed first, unsettled, with the
/// change's id; the change writes that id into the flow's state; then the token is settled. A token found
/// unsettled is replayed only if the flow's state shows its change, and is otherwise free: the change was
/// never stored, and the retry makes it.
/// </summary>
internal sealed class ClientTokenLedger(IFlowLedgerStore store, ILogger logger)
{
    private string? _settledChange;

    /// <summary>
    /// Runs <paramref name="plan"/> and stores its change once per active token: a retry gets the stored
    /// result, a token reused with another request is refused when <paramref name="mismatchIsError"/>.
    /// </summary>
    public async Task<TResult> ChangeOnceAsync<TResult>(
        TokenUse use, FlowState current, DateTimeOffset now, Func<Task<PlannedChange<TResult>>> plan)
        where TResult : class
    {
        await SettleLastChangeAsync(use.Life.FlowName, current);
        if (use.ClientToken is null)
        {
            var untokened = await plan();
            await untokened.StoreAsync(null);
            return untokened.Result;
        }

        var hash = LedgerToken.Hash(use.ClientToken);
        string? replacing = null;
        if (await store.FindTokenAsync(use.Life, use.Operation, hash, now) is { } found)
        {
            if (found.Settled)
            {
                return Replay<TResult>(found, use);
            }

            // Settled above when the flow holds its change, so an unsettled token here names a change never stored.
            replacing = found.ChangeId;
        }

        var planned = await plan();
        var change = new GuardedChange(use.Life.Incarnation, use.Operation, hash, Guid.CreateVersion7(now).ToString("N"));
        var token = new LedgerToken(use.Operation, hash, use.Fingerprint, now, planned.Result, change.ChangeId, Settled: false);
        LedgerToken? winner;
        try
        {
            winner = await store.ClaimTokenAsync(use.Life, token, replacing, now);
        }
        catch
        {
            await (planned.AbandonAsync?.Invoke() ?? Task.CompletedTask);
            throw;
        }

        if (winner is not null)
        {
            // Another activation's call with this token got there between the read and the claim.
            await (planned.AbandonAsync?.Invoke() ?? Task.CompletedTask);
            return Replay<TResult>(winner, use);
        }

        await planned.StoreAsync(change);
        await SettleAsync(use.Life.FlowName, change);
        return planned.Result;
    }

    /// <summary>The result a retry of <paramref name="stored"/> gets, or the mismatch error of rule 4.</summary>
    public static TResult Replay<TResult>(LedgerToken stored, TokenUse use)
    {
        if (use.MismatchIsError && stored.Fingerprint != use.Fingerprint)
        {
            throw new FlowOperationException(
                FlowErrorCode.ClientTokenMismatch, "The clientToken was already used with different request parameters.");
        }

        return stored.Outcome is TResult result
            ? result
            : throw new FlowOperationException(FlowErrorCode.ClientTokenMismatch, "The clientToken was already used for another operation on this flow.");
    }

    /// <summary>
    /// Settles the token of the flow's last guarded change if this activation has not yet: its change is in
    /// the flow's state, so it happened, even if the settle after it failed or never ran.
    /// </summary>
    public async Task SettleLastChangeAsync(string flowName, FlowState current)
    {
        if (current.LastChange is { } change && change.ChangeId != _settledChange)
        {
            await store.SettleTokenAsync(new FlowLife(flowName, change.Incarnation), change.Operation, change.TokenHash, change.ChangeId);
            _settledChange = change.ChangeId;
        }
    }

    private async Task SettleAsync(string flowName, GuardedChange change)
    {
        try
        {
            await store.SettleTokenAsync(new FlowLife(flowName, change.Incarnation), change.Operation, change.TokenHash, change.ChangeId);
            _settledChange = change.ChangeId;
        }
        catch (Exception exception)
        {
            // The change is stored with its id, so the next change or replay settles the token from there.
            GrainsLog.TokenSettleDeferred(logger, exception, flowName);
        }
    }
}
