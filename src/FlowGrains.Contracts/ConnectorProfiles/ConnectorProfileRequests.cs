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

/// <summary>create-connector-profile.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.CreateConnectorProfileRequest")]
public sealed record CreateConnectorProfileRequest(
    [Id(0)] string ConnectorType,
    [Id(1)] string ConnectionMode,
    [Id(2)] ConnectorProfileConfig Config);

/// <summary>update-connector-profile: the connector type stays what it was created with.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.UpdateConnectorProfileRequest")]
public sealed record UpdateConnectorProfileRequest(
    [Id(0)] string ConnectionMode,
    [Id(1)] ConnectorProfileConfig Config);

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
    [Id(6)] DateTimeOffset LastUpdatedAt);

/// <summary>A page of profiles in name order.</summary>
[GenerateSerializer, Immutable, Alias("FlowGrains.ConnectorProfilesPage")]
public sealed record ConnectorProfilesPage(
    [Id(0)] ImmutableArray<ConnectorProfileDetails> ConnectorProfileDetails,
    [Id(1)] string? NextToken);
