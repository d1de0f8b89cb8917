using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>FlowGrains' own key operations on the AWS wire (extensions: no AWS client has them, a signed request does).</summary>
internal static class AwsAccessKeysApi
{
    public static RouteGroupBuilder MapAwsAccessKeys(this RouteGroupBuilder aws)
    {
        aws.MapPost("/create-access-key", CreateAccessKey).RequireRole(AccessRole.Admin);
        aws.MapPost("/list-access-keys", ListAccessKeys).RequireRole(AccessRole.Admin);
        aws.MapPost("/revoke-access-key", RevokeAccessKey).RequireRole(AccessRole.Admin);
        return aws;
    }

    public static async Task<IResult> CreateAccessKey(HttpRequest request, IGrainFactory grains) =>
        AwsRequest.Ok(await AccessKeysApi.CreateAccessKeyAsync(await AwsRequest.ReadAsync<CreateAccessKeyBody>(request), grains));

    public static async Task<IResult> ListAccessKeys(HttpRequest request, IGrainFactory grains, AccessKeys keys)
    {
        await AwsRequest.ReadAsync<ListAccessKeysBody>(request);
        return AwsRequest.Ok(await AccessKeysApi.ListAccessKeysAsync(grains, keys));
    }

    public static async Task<IResult> RevokeAccessKey(HttpRequest request, IGrainFactory grains, AccessKeys keys)
    {
        await AccessKeysApi.RevokeAccessKeyAsync(await AwsRequest.ReadAsync<RevokeAccessKeyBody>(request), grains, keys);
        return AwsRequest.Ok(new AwsEmptyResponse());
    }
}
