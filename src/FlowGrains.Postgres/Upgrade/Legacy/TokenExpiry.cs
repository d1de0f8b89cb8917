namespace FlowGrains.Postgres.Upgrade.Legacy;

/// <summary>The previous version's index entry of a stored token: its storage key and expiry.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("FlowGrains.Legacy.TokenExpiry")]
internal sealed record TokenExpiry([Id(0)] string Key, [Id(1)] DateTimeOffset ExpiresAt);

/// <summary>The previous version's page of update and activation tokens (state "tokenjournal"): an index only, removed by the upgrade.</summary>
[GenerateSerializer, Alias("FlowGrains.Legacy.TokenJournalPage")]
internal sealed class TokenJournalPage
{
    /// <summary>The page's tokens, oldest first.</summary>
    [Id(0)]
    public List<TokenExpiry> Tokens { get; set; } = [];
}
