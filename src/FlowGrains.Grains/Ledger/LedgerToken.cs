using System.Security.Cryptography;
using System.Text;

namespace FlowGrains.Grains.Ledger;

/// <summary>
/// A clientToken's stored outcome. <see cref="Operation"/> is what the token guards (start, event, create,
/// update); <see cref="TokenHash"/> identifies the token without storing it. A token that guards a change
/// of the flow's state carries the <see cref="ChangeId"/> that change writes into the flow, and is
/// <see cref="Settled"/> once that write is known to have happened, so a replay whose write outcome was
/// unknown can tell whether the change was stored.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.LedgerToken")]
public sealed record LedgerToken(
    [property: Id(0)] string Operation,
    [property: Id(1)] string TokenHash,
    [property: Id(2)] string Fingerprint,
    [property: Id(3)] DateTimeOffset AcceptedAt,
    [property: Id(4)] object Outcome,
    [property: Id(5)] string? ChangeId = null,
    [property: Id(6)] bool Settled = true)
{
    /// <summary>How long a token stays active after its first call (start-flow.md: 8 hours).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>When the token stops being active and the same token counts as a new call.</summary>
    public DateTimeOffset ExpiresAt => AcceptedAt + Lifetime;

    /// <summary>Whether the token is still active at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;

    /// <summary>The stored identity of <paramref name="clientToken"/>: a hash, so rows stay short whatever the token's length.</summary>
    public static string Hash(string clientToken) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(clientToken)));
}
