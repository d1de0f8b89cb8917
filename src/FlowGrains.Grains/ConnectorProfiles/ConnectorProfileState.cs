using System.Collections.Immutable;

namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>A stored connector profile; the credentials only ever as their encrypted blob.</summary>
[GenerateSerializer, Alias("FlowGrains.ConnectorProfileState")]
public sealed class ConnectorProfileState
{
    /// <summary>Whether the profile exists.</summary>
    [Id(0)] public bool Exists { get; set; }

    /// <summary>The connector type the profile is for.</summary>
    [Id(1)] public string ConnectorType { get; set; } = string.Empty;

    /// <summary>AppFlow's connectionMode (Public or Private); kept and described, no behaviour depends on it.</summary>
    [Id(2)] public string ConnectionMode { get; set; } = string.Empty;

    /// <summary>The profile's properties, flat by path.</summary>
    [Id(3)] public ImmutableSortedDictionary<string, string> Properties { get; set; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The credentials, sealed by <see cref="CredentialProtector"/>.</summary>
    [Id(4)] public byte[] SealedCredentials { get; set; } = [];

    /// <summary>When the profile was created.</summary>
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the profile was last updated.</summary>
    [Id(6)] public DateTimeOffset LastUpdatedAt { get; set; }

    /// <summary>The flows that may use the profile (see <see cref="IConnectorProfileUsers"/>).</summary>
    [Id(7)] public ImmutableSortedSet<string> Users { get; set; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

    /// <summary>The profile's tags.</summary>
    [Id(8)] public ImmutableSortedDictionary<string, string> Tags { get; set; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The clientTokens of recent creates and updates; kept across a delete, like <see cref="Users"/>.</summary>
    [Id(9)] public ImmutableArray<ProfileClientToken> ClientTokens { get; set; } = [];

    /// <summary>
    /// The values of the connector's secret properties, sealed apart from the credentials (empty when there are
    /// none); <see cref="Properties"/> holds <see cref="ProfileSecrets.Mask"/> in their place.
    /// </summary>
    [Id(10)] public byte[] SealedProperties { get; set; } = [];
}

/// <summary>A create or update accepted with a clientToken: the request's fingerprint, until the token expires.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ProfileClientToken")]
public sealed record ProfileClientToken(
    [Id(0)] string Operation,
    [Id(1)] string Token,
    [Id(2)] string Fingerprint,
    [Id(3)] DateTimeOffset ExpiresAt);

/// <summary>What a run needs of a profile: credentials and secret properties still sealed, so they cross the cluster encrypted.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.StoredConnectorProfile")]
public sealed record StoredConnectorProfile(
    [Id(0)] string ConnectorType,
    [Id(1)] ImmutableSortedDictionary<string, string> Properties,
    [Id(2)] byte[] SealedCredentials,
    [Id(3)] byte[]? SealedProperties = null);
