namespace FlowGrains.Grains.Ledger;

/// <summary>A new run of <see cref="Life"/> and, when the start had one, the token that names it: stored together or not at all.</summary>
public sealed record RunStart(FlowLife Life, LedgerRun Run, LedgerToken? Token);
