using FlowGrains.Host.Apis.Requests;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>CreateConnectorProfileRequest; <see cref="Tags"/> is a FlowGrains extension (the model has none here).</summary>
public sealed class AwsCreateConnectorProfileBody
{
    public string? ConnectorProfileName { get; set; }
    public string? KmsArn { get; set; }
    public string? ConnectorType { get; set; }
    public string? ConnectorLabel { get; set; }
    public string? ConnectionMode { get; set; }
    public ConnectorProfileConfigBody? ConnectorProfileConfig { get; set; }
    public string? ClientToken { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
}

/// <summary>DescribeConnectorProfilesRequest.</summary>
public sealed class AwsDescribeConnectorProfilesBody
{
    public List<string>? ConnectorProfileNames { get; set; }
    public string? ConnectorType { get; set; }
    public string? ConnectorLabel { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>DescribeConnectorRequest.</summary>
public sealed class AwsDescribeConnectorBody
{
    public string? ConnectorType { get; set; }
    public string? ConnectorLabel { get; set; }
}

/// <summary>ListConnectorsRequest.</summary>
public sealed class AwsListConnectorsBody
{
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}
