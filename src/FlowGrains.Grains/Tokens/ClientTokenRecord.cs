namespace FlowGrains.Grains.Tokens;

/// <summary>
/// The outcome of the first call made with a clientToken: what the request looked like
/// (<see cref="Fingerprint"/>), when it was accepted, and the result every retry gets back.
/// </summary>
[GenerateSerializer, Alias("FlowGrains.ClientTokenRecord")]
public sealed record ClientTokenRecord(
    [Id(0)] string Fingerprint,
    [Id(1)] DateTimeOffset AcceptedAt,
    [Id(2)] object Result)
{
    /// <summary>How long a token stays active after its first call.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>When the token stops being active and the same token counts as a new call.</summary>
    public DateTimeOffset ExpiresAt => AcceptedAt + Lifetime;

    /// <summary>Whether the token is still active at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => now < ExpiresAt;
}
