using FlowGrains.Errors;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// AppFlow operations with no FlowGrains equivalent answer UnsupportedOperationException saying what to do
/// instead; ResetConnectorMetadataCache succeeds, since FlowGrains keeps no such cache (metadata is read live).
/// </summary>
internal static class AwsUnsupportedApi
{
    private const string PlugIns =
        "FlowGrains has no AWS Lambda connectors: a custom connector is a .NET plug-in registered in the silo (services.AddFlowConnector<T>()), and every registered type is listed by list-connectors.";

    public static RouteGroupBuilder MapAwsUnsupported(this RouteGroupBuilder aws)
    {
        aws.MapPost("/register-connector", () => Unsupported("RegisterConnector")).RequireRole(AccessRole.Admin);
        aws.MapPost("/unregister-connector", () => Unsupported("UnregisterConnector")).RequireRole(AccessRole.Admin);
        aws.MapPost("/update-connector-registration", () => Unsupported("UpdateConnectorRegistration")).RequireRole(AccessRole.Admin);
        aws.MapPost("/reset-connector-metadata-cache", ResetConnectorMetadataCache).RequireRole(AccessRole.Operator);
        return aws;
    }

    private static IResult Unsupported(string operation) =>
        throw new FlowOperationException(FlowErrorCode.UnsupportedOperation, $"{operation} is not supported. {PlugIns}");

    public static async Task<IResult> ResetConnectorMetadataCache(HttpRequest request)
    {
        await AwsRequest.ReadAsync<ResetConnectorMetadataCacheBody>(request);
        return AwsRequest.Ok(new AwsEmptyResponse());
    }
}

/// <summary>ResetConnectorMetadataCacheRequest: read so a malformed request is still refused.</summary>
public sealed class ResetConnectorMetadataCacheBody
{
    public string? ConnectorProfileName { get; set; }
    public string? ConnectorType { get; set; }
    public string? ConnectorEntityName { get; set; }
    public string? EntitiesPath { get; set; }
    public string? ApiVersion { get; set; }
}
