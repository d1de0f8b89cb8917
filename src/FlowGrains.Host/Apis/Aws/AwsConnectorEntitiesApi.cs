using FlowGrains.Errors;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// ListConnectorEntities and DescribeConnectorEntity on the AWS wire. <c>CustomConnector</c> takes its FlowGrains
/// type from the named connector profile; a type without profiles (LocalFolder) is named as connectorType itself.
/// </summary>
internal static class AwsConnectorEntitiesApi
{
    public static RouteGroupBuilder MapAwsConnectorEntities(this RouteGroupBuilder aws)
    {
        aws.MapPost("/list-connector-entities", ListConnectorEntities).RequireRole(AccessRole.Reader);
        aws.MapPost("/describe-connector-entity", DescribeConnectorEntity).RequireRole(AccessRole.Reader);
        return aws;
    }

    public static async Task<IResult> ListConnectorEntities(HttpRequest request, IGrainFactory grains)
    {
        var body = await AwsRequest.ReadAsync<ListConnectorEntitiesBody>(request);
        body.ConnectorType = FlowGrainsType(body.ConnectorType, body.ConnectorProfileName);
        return AwsRequest.Ok(await ConnectorEntitiesApi.ListAsync(body, grains));
    }

    public static async Task<IResult> DescribeConnectorEntity(HttpRequest request, IGrainFactory grains)
    {
        var body = await AwsRequest.ReadAsync<DescribeConnectorEntityBody>(request);
        body.ConnectorType = FlowGrainsType(body.ConnectorType, body.ConnectorProfileName);
        return AwsRequest.Ok(await ConnectorEntitiesApi.DescribeAsync(body, grains));
    }

    // The profile names the type behind CustomConnector; without one, CustomConnector names nothing.
    private static string? FlowGrainsType(string? connectorType, string? profileName) =>
        connectorType != AwsConnectorTypes.Custom
            ? connectorType
            : profileName is not null
                ? null
                : throw FlowOperationException.Invalid("connectorType", $"{AwsConnectorTypes.Custom} needs a connectorProfileName; for a type without profiles, give the FlowGrains type itself (e.g. LocalFolder).");
}
