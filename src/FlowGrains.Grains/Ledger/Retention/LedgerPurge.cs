namespace FlowGrains.Grains.Ledger.Retention;

/// <summary>
/// What one purge removed: <see cref="Tokens"/> expired tokens and <see cref="Runs"/> finished runs past retention.
/// <see cref="CaughtUp"/> is false when it stopped at its batch limit with rows maybe left for the next one.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.LedgerPurge")]
public sealed record LedgerPurge([property: Id(0)] int Tokens, [property: Id(1)] int Runs, [property: Id(2)] bool CaughtUp);
