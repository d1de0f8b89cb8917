using FlowGrains.Grains.Ledger;

namespace FlowGrains.Grains.Tokens;

/// <summary>
/// One call's use of a clientToken: where it applies, the token (null for a call without one), the
/// request's fingerprint, and whether a reuse with another request is an error (rule 4: it is for changes
/// and activations; a run's token returns the first run).
/// </summary>
internal sealed record TokenUse(FlowLife Life, string Operation, string? ClientToken, string Fingerprint, bool MismatchIsError);
