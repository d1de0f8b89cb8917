using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>StartFlowResponse.</summary>
internal sealed record AwsStartFlowResponse(string FlowArn, FlowStatus FlowStatus, string? ExecutionId);

/// <summary>ListFlowsResponse.</summary>
internal sealed record AwsListFlowsResponse(ImmutableArray<AwsFlowDefinition> Flows, string? NextToken);

/// <summary>One flow of ListFlowsResponse (the model's FlowDefinition).</summary>
internal sealed record AwsFlowDefinition(
    string FlowArn,
    string? Description,
    string FlowName,
    FlowStatus FlowStatus,
    string SourceConnectorType,
    string? SourceConnectorLabel,
    string DestinationConnectorType,
    string? DestinationConnectorLabel,
    TriggerType TriggerType,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    LastRunExecutionDetails? LastRunExecutionDetails);

/// <summary>DescribeConnectorProfilesResponse.</summary>
internal sealed record AwsConnectorProfilesResponse(ImmutableArray<AwsConnectorProfile> ConnectorProfileDetails, string? NextToken);

/// <summary>One profile (the model's ConnectorProfile); every FlowGrains profile is a CustomConnector one.</summary>
internal sealed record AwsConnectorProfile(
    string ConnectorProfileArn,
    string ConnectorProfileName,
    string ConnectorType,
    string ConnectorLabel,
    string ConnectionMode,
    JsonObject ConnectorProfileProperties,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt);

/// <summary>DescribeConnectorsResponse.</summary>
internal sealed record AwsDescribeConnectorsResponse(
    ImmutableSortedDictionary<string, AwsConnectorConfiguration> ConnectorConfigurations, ImmutableArray<AwsConnectorDetail> Connectors);

/// <summary>DescribeConnectorResponse.</summary>
internal sealed record AwsDescribeConnectorResponse(AwsConnectorConfiguration ConnectorConfiguration);

/// <summary>ListConnectorsResponse.</summary>
internal sealed record AwsListConnectorsResponse(ImmutableArray<AwsConnectorDetail> Connectors);

/// <summary>The model's ConnectorConfiguration, as far as FlowGrains has answers.</summary>
internal sealed record AwsConnectorConfiguration(
    bool CanUseAsSource,
    bool CanUseAsDestination,
    ImmutableArray<string> SupportedTriggerTypes,
    ImmutableArray<string> SupportedWriteOperations,
    string ConnectorType,
    string? ConnectorLabel,
    string ConnectorName,
    string ConnectorOwner,
    string ConnectorDescription,
    ImmutableArray<string> ConnectorModes);

/// <summary>The model's ConnectorDetail.</summary>
internal sealed record AwsConnectorDetail(
    string ConnectorType,
    string? ConnectorLabel,
    string ConnectorName,
    string ConnectorOwner,
    string ConnectorDescription,
    string RegisteredBy,
    ImmutableArray<string> ConnectorModes);

/// <summary>ListTagsForResourceResponse.</summary>
internal sealed record AwsTagsResponse(ImmutableSortedDictionary<string, string> Tags);

/// <summary>A response with no members.</summary>
internal sealed record AwsEmptyResponse;
