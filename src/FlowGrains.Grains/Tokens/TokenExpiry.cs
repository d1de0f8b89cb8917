namespace FlowGrains.Grains.Tokens;

/// <summary>Where a stored token outcome lives and when it expires, kept so expired entries can be removed.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("FlowGrains.TokenExpiry")]
public sealed record TokenExpiry([Id(0)] string Key, [Id(1)] DateTimeOffset ExpiresAt);
