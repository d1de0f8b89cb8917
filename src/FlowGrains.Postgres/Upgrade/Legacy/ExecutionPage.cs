using FlowGrains.Contracts.Executions;

namespace FlowGrains.Postgres.Upgrade.Legacy;

/// <summary>
/// The previous version's stored page of a flow's run records (state "executions", key
/// <c>{flow}/{incarnation}/{page}</c>), records oldest first; kept so <c>migrate</c> can read it.
/// </summary>
[GenerateSerializer, Alias("FlowGrains.Legacy.ExecutionPage")]
internal sealed class ExecutionPage
{
    /// <summary>The page's records, oldest first.</summary>
    [Id(0)]
    public List<ExecutionRecord> Records { get; set; } = [];

    /// <summary>The storage keys of the tokens that started the page's runs: an index the ledger does not need.</summary>
    [Id(1)]
    public List<TokenExpiry> Tokens { get; set; } = [];

    /// <summary>What each unfinished run of the page needs to run again, by execution id.</summary>
    [Id(2)]
    public Dictionary<string, PendingRun> Pending { get; set; } = new(StringComparer.Ordinal);
}
