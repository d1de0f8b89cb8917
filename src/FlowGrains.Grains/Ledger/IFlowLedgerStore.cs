using FlowGrains.Contracts.Executions;

namespace FlowGrains.Grains.Ledger;

/// <summary>
/// Where flows keep their clientTokens and run records: in memory for the embedded profile, in tables of
/// their own on PostgreSQL. Every method is one atomic write or one read; a write that throws may still
/// have been stored (a lost connection after commit), so callers read back what they need to know.
/// </summary>
public interface IFlowLedgerStore
{
    /// <summary>
    /// Stores <paramref name="start"/>'s run and token together, unless the token is already active: then
    /// nothing is stored and the stored token returns. Null when the run was stored. A token stored but
    /// expired counts as absent and is replaced.
    /// </summary>
    Task<LedgerToken?> StartRunAsync(RunStart start, DateTimeOffset now);

    /// <summary>The token of <paramref name="life"/>, <paramref name="operation"/> and <paramref name="tokenHash"/> while it is active at <paramref name="now"/>.</summary>
    Task<LedgerToken?> FindTokenAsync(FlowLife life, string operation, string tokenHash, DateTimeOffset now);

    /// <summary>
    /// Stores <paramref name="token"/> (unsettled, with its change id) unless an active token is stored
    /// under its identity; returns that one then, or null when <paramref name="token"/> was stored. An
    /// active, unsettled token whose change id is <paramref name="replacing"/> (a change found never to
    /// have been stored) is replaced.
    /// </summary>
    Task<LedgerToken?> ClaimTokenAsync(FlowLife life, LedgerToken token, string? replacing, DateTimeOffset now);

    /// <summary>Marks the token whose change is <paramref name="changeId"/> as stored; nothing when it is gone or settled.</summary>
    Task SettleTokenAsync(FlowLife life, string operation, string tokenHash, string changeId);

    /// <summary>
    /// Replaces the run of <paramref name="run"/>'s execution id when its stored status is still
    /// <paramref name="expected"/>; false, with nothing written, otherwise.
    /// </summary>
    Task<bool> UpdateRunAsync(FlowLife life, ExecutionStatus expected, LedgerRun run);

    /// <summary>The life's runs that are in progress or being cancelled, oldest first.</summary>
    Task<IReadOnlyList<LedgerRun>> ReadUnfinishedRunsAsync(FlowLife life);

    /// <summary>Up to <paramref name="max"/> of the life's runs, newest first, all older than <paramref name="before"/> (null: from the newest).</summary>
    Task<RunHistoryPage> ReadRunsAsync(FlowLife life, long? before, int max);

    /// <summary>Removes the life's runs and tokens (not the name's create tokens).</summary>
    Task ForgetLifeAsync(FlowLife life);

    /// <summary>Removes up to <paramref name="max"/> tokens expired at <paramref name="now"/>, of any flow; returns how many.</summary>
    Task<int> PurgeExpiredTokensAsync(DateTimeOffset now, int max);

    /// <summary>Removes up to <paramref name="max"/> finished runs last updated before <paramref name="cutoff"/>, of any flow; returns how many.</summary>
    Task<int> PurgeRunsAsync(DateTimeOffset cutoff, int max);
}
