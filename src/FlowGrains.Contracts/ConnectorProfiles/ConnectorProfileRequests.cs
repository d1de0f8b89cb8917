using System.Collections.Immutable;

namespace FlowGrains.Contracts.ConnectorProfiles;

/// <summary>
/// AppFlow's <c>connectorProfileConfig</c> for one connector type: its properties (endpoints, options)
/// and its credentials (secrets), each a flat map keyed by path like connector properties.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorProfileConfig")]
public sealed record ConnectorProfileConfig(
    [Id(0)] ImmutableSortedDictionary<string, string> Properties,
    [Id(1)] ImmutableSortedDictionary<string, string> Credentials)
{
    /// <inheritdoc />
    public override string ToString() => $"ConnectorProfileConfig {{ Properties = {Properties.Count}, Credentials = (hidden) }}";
}

/// <summary>
/// create-connector-profile. A retry with the same <see cref="ClientToken"/> and the same request within 8 hours
/// returns the first result; the same token with a different request fails with ClientTokenMismatch.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.CreateConnectorProfileRequest")]
public sealed record CreateConnectorProfileRequest(
    [Id(0)] string ConnectorType,
    [Id(1)] string ConnectionMode,
    [Id(2)] ConnectorProfileConfig Config,
    [Id(3)] ImmutableSortedDictionary<string, string>? Tags = null,
    [Id(4)] string? ClientToken = null);

/// <summary>
/// update-connector-profile: the connector type stays what it was created with. <see cref="ClientToken"/>
/// works as on create.
/// </summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.UpdateConnectorProfileRequest")]
public sealed record UpdateConnectorProfileRequest(
    [Id(0)] string ConnectionMode,
    [Id(1)] ConnectorProfileConfig Config,
    [Id(2)] string? ClientToken = null);

/// <summary>The ARN of the profile created or updated.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorProfileArnResult")]
public sealed record ConnectorProfileArnResult([Id(0)] string ConnectorProfileArn);

/// <summary>A profile as describe-connector-profiles shows it: everything except the credentials.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorProfileDetails")]
public sealed record ConnectorProfileDetails(
    [Id(0)] string ConnectorProfileName,
    [Id(1)] string ConnectorProfileArn,
    [Id(2)] string ConnectorType,
    [Id(3)] string ConnectionMode,
    [Id(4)] ImmutableSortedDictionary<string, string> Properties,
    [Id(5)] DateTimeOffset CreatedAt,
    [Id(6)] DateTimeOffset LastUpdatedAt,
    [Id(7)] ImmutableSortedDictionary<string, string>? Tags = null);

/// <summary>A page of profiles in name order.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorProfilesPage")]
public sealed record ConnectorProfilesPage(
    [Id(0)] ImmutableArray<ConnectorProfileDetails> ConnectorProfileDetails,
    [Id(1)] string? NextToken);
