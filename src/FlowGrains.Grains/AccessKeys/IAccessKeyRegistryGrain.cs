using System.Collections.Immutable;

namespace FlowGrains.Grains.AccessKeys;

/// <summary>
/// The access keys created on the running cluster (key 0), their secrets sealed at rest. Keys set in
/// configuration are not here. Roles are <c>Reader</c>, <c>Operator</c> and <c>Admin</c>.
/// </summary>
public interface IAccessKeyRegistryGrain : IGrainWithIntegerKey
{
    /// <summary>Creates a key of <paramref name="role"/>; the only time its secret is given out.</summary>
    Task<CreatedAccessKey> CreateAsync(string role);

    /// <summary>Every key, newest first, without secrets.</summary>
    Task<ImmutableArray<AccessKeySummary>> ListAsync();

    /// <summary>Revokes a key; false when no such key was created here. Revoking twice changes nothing.</summary>
    Task<bool> RevokeAsync(string accessKeyId);

    /// <summary>The role and secret of a key that is not revoked, or null.</summary>
    Task<ActiveAccessKey?> FindActiveAsync(string accessKeyId);
}

[GenerateSerializer, Immutable, Alias("FlowGrains.CreatedAccessKey")]
public sealed record CreatedAccessKey([property: Id(0)] string AccessKeyId, [property: Id(1)] string SecretAccessKey, [property: Id(2)] string Role, [property: Id(3)] DateTimeOffset CreatedAt);

[GenerateSerializer, Immutable, Alias("FlowGrains.AccessKeySummary")]
public sealed record AccessKeySummary([property: Id(0)] string AccessKeyId, [property: Id(1)] string Role, [property: Id(2)] DateTimeOffset CreatedAt, [property: Id(3)] DateTimeOffset? RevokedAt);

[GenerateSerializer, Immutable, Alias("FlowGrains.ActiveAccessKey")]
public sealed record ActiveAccessKey([property: Id(0)] string Role, [property: Id(1)] string Secret)
{
    public override string ToString() => $"ActiveAccessKey {{ Role = {Role}, Secret = (hidden) }}";
}
