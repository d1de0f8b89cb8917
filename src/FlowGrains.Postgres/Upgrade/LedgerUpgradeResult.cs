namespace FlowGrains.Postgres.Upgrade;

/// <summary>What one run of <see cref="LedgerUpgrade"/> carried: run records, live tokens, tokens left behind as expired, and grain-storage rows removed.</summary>
public sealed record LedgerUpgradeResult(int Runs, int Tokens, int ExpiredTokens, int RemovedRows)
{
    /// <summary>A database with nothing of the previous version's left to carry.</summary>
    public static LedgerUpgradeResult None { get; } = new(0, 0, 0, 0);
}
