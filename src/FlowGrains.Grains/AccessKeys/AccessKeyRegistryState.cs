namespace FlowGrains.Grains.AccessKeys;

/// <summary>The stored keys by id; each secret sealed with the profile encryption key.</summary>
[GenerateSerializer, Alias("FlowGrains.AccessKeyRegistryState")]
public sealed class AccessKeyRegistryState
{
    [Id(0)] public Dictionary<string, StoredAccessKey> Keys { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("FlowGrains.StoredAccessKey")]
public sealed record StoredAccessKey(
    [property: Id(0)] string Role, [property: Id(1)] byte[] SealedSecret, [property: Id(2)] DateTimeOffset CreatedAt, [property: Id(3)] DateTimeOffset? RevokedAt = null);
