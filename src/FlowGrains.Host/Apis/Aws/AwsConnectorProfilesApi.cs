using System.Text.Json.Nodes;
using FlowGrains.Contracts.ConnectorProfiles;
using FlowGrains.Errors;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>
/// AppFlow's connector profile operations on the AWS wire. Every FlowGrains profile is an AppFlow
/// <c>CustomConnector</c> profile whose <c>connectorLabel</c> is the FlowGrains connector type.
/// </summary>
internal static class AwsConnectorProfilesApi
{
    public static RouteGroupBuilder MapAwsConnectorProfiles(this RouteGroupBuilder aws)
    {
        aws.MapPost("/create-connector-profile", CreateConnectorProfile).RequireRole(AccessRole.Admin);
        aws.MapPost("/update-connector-profile", UpdateConnectorProfile).RequireRole(AccessRole.Admin);
        aws.MapPost("/describe-connector-profiles", DescribeConnectorProfiles).RequireRole(AccessRole.Reader);
        aws.MapPost("/delete-connector-profile", DeleteConnectorProfile).RequireRole(AccessRole.Admin);
        return aws;
    }

    public static async Task<IResult> CreateConnectorProfile(HttpRequest request, IGrainFactory grains)
    {
        var body = await AwsRequest.ReadAsync<AwsCreateConnectorProfileBody>(request);
        if (body.KmsArn is not null)
        {
            throw FlowOperationException.Invalid("kmsArn", "is not supported: FlowGrains seals credentials with its own key (FlowGrains:ConnectorProfiles:EncryptionKey).");
        }

        var type = body.ConnectorType == AwsConnectorTypes.Custom
            ? body.ConnectorLabel ?? throw FlowOperationException.Invalid("connectorLabel", "is required: it names the FlowGrains connector type (e.g. Postgres, Http, S3).")
            : throw FlowOperationException.Invalid("connectorType", $"must be {AwsConnectorTypes.Custom}: FlowGrains profiles travel as {AwsConnectorTypes.Custom} with the FlowGrains type as connectorLabel.");
        return AwsRequest.Ok(await ConnectorProfilesApi.CreateConnectorProfileAsync(new CreateConnectorProfileBody
        {
            ConnectorProfileName = body.ConnectorProfileName,
            ConnectorType = type,
            ConnectionMode = body.ConnectionMode,
            ConnectorProfileConfig = AwsCustomProfileConfig.ToEnvelope(body.ConnectorProfileConfig, type),
            ClientToken = body.ClientToken,
            Tags = body.Tags,
        }, grains));
    }

    public static async Task<IResult> UpdateConnectorProfile(HttpRequest request, IGrainFactory grains)
    {
        var body = await AwsRequest.ReadAsync<UpdateConnectorProfileBody>(request);
        return AwsRequest.Ok(await ConnectorProfilesApi.UpdateConnectorProfileAsync(body, grains, AwsCustomProfileConfig.ToEnvelope));
    }

    public static async Task<IResult> DescribeConnectorProfiles(HttpRequest request, IGrainFactory grains)
    {
        var body = await AwsRequest.ReadAsync<AwsDescribeConnectorProfilesBody>(request);
        var page = await ConnectorProfilesApi.DescribeConnectorProfilesAsync(new DescribeConnectorProfilesBody
        {
            ConnectorProfileNames = body.ConnectorProfileNames,
            ConnectorType = body.ConnectorType == AwsConnectorTypes.Custom ? body.ConnectorLabel : body.ConnectorType,
            MaxResults = body.MaxResults,
            NextToken = body.NextToken,
        }, grains);
        return AwsRequest.Ok(new AwsConnectorProfilesResponse([.. page.ConnectorProfileDetails.Select(ToAws)], page.NextToken));
    }

    public static async Task<IResult> DeleteConnectorProfile(HttpRequest request, IGrainFactory grains)
    {
        await ConnectorProfilesApi.DeleteConnectorProfileAsync(await AwsRequest.ReadAsync<DeleteConnectorProfileBody>(request), grains);
        return AwsRequest.Ok(new AwsEmptyResponse());
    }

    private static AwsConnectorProfile ToAws(ConnectorProfileDetails profile) => new(
        profile.ConnectorProfileArn,
        profile.ConnectorProfileName,
        AwsConnectorTypes.Custom,
        profile.ConnectorType,
        profile.ConnectionMode,
        new JsonObject
        {
            [AwsConnectorTypes.Custom] = new JsonObject
            {
                ["profileProperties"] = new JsonObject([.. profile.Properties.Select(entry => KeyValuePair.Create(entry.Key, (JsonNode?)entry.Value))]),
            },
        },
        profile.CreatedAt,
        profile.LastUpdatedAt);
}
