namespace FlowGrains.Host.Apis.Requests;

/// <summary>The body of /list-connector-entities, in AppFlow's field names; <c>apiVersion</c> is accepted and not used.</summary>
public sealed class ListConnectorEntitiesBody
{
    public string? ConnectorProfileName { get; set; }
    public string? ConnectorType { get; set; }
    public string? EntitiesPath { get; set; }
    public string? ApiVersion { get; set; }
    public int? MaxResults { get; set; }
    public string? NextToken { get; set; }
}

/// <summary>The body of /describe-connector-entity, in AppFlow's field names; <c>apiVersion</c> is accepted and not used.</summary>
public sealed class DescribeConnectorEntityBody
{
    public string? ConnectorEntityName { get; set; }
    public string? ConnectorType { get; set; }
    public string? ConnectorProfileName { get; set; }
    public string? ApiVersion { get; set; }
}
