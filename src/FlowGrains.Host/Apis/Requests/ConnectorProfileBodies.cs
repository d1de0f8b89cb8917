using System.Text.Json;

namespace FlowGrains.Host.Apis.Requests;

/// <summary>The body of /create-connector-profile.</summary>
public sealed class CreateConnectorProfileBody
{
    public string? ConnectorProfileName { get; set; }
    public string? ConnectorType { get; set; }
    public string? ConnectionMode { get; set; }
    public ConnectorProfileConfigBody? ConnectorProfileConfig { get; set; }
    public Dictionary<string, string>? Tags { get; set; }
    public string? ClientToken { get; set; }
}

/// <summary>The body of /update-connector-profile.</summary>
public sealed class UpdateConnectorProfileBody
{
    public string? ConnectorProfileName { get; set; }
    public string? ConnectionMode { get; set; }
    public ConnectorProfileConfigBody? ConnectorProfileConfig { get; set; }
    public string? ClientToken { get; set; }
}

/// <summary>AppFlow's <c>connectorProfileConfig</c>: properties and credentials, each under the connector type's name.</summary>
public sealed class ConnectorProfileConfigBody
{
    public Dictionary<string, Dictionary<string, JsonElement>>? ConnectorProfileProperties { get; set; }
    public Dictionary<string, Dictionary<string, JsonElement>>? ConnectorProfileCredentials { get; set; }
}

/// <summary>The body of /describe-connector-profiles.</summary>
public sealed class DescribeConnectorProfilesBody
{
    public List<string>? ConnectorProfileNames { get; set; }
    public string? ConnectorType { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>The body of /delete-connector-profile.</summary>
public sealed class DeleteConnectorProfileBody
{
    public string? ConnectorProfileName { get; set; }
    public bool? ForceDelete { get; set; }
}

/// <summary>The body of /describe-connectors.</summary>
public sealed class DescribeConnectorsBody
{
    public List<string>? ConnectorTypes { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}
