using FlowGrains.Host.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>TagResource, UntagResource and ListTagsForResource on the AWS wire, where the ARN is the path's last segment.</summary>
internal static class AwsTagsApi
{
    private const string TagsPath = "/tags/";

    public static RouteGroupBuilder MapAwsTags(this RouteGroupBuilder aws)
    {
        aws.MapPost("/tags/{**resourceArn}", TagResource).RequireRole(AccessRole.Operator);
        aws.MapDelete("/tags/{**resourceArn}", UntagResource).RequireRole(AccessRole.Operator);
        aws.MapGet("/tags/{**resourceArn}", ListTagsForResource).RequireRole(AccessRole.Reader);
        return aws;
    }

    public static async Task<IResult> TagResource(HttpRequest request)
    {
        var body = await AwsRequest.ReadAsync<AwsTagResourceBody>(request);
        await TagsApi.TagResourceAsync(Arn(request), body.Tags, request.HttpContext);
        return AwsRequest.Ok(new AwsEmptyResponse());
    }

    public static async Task<IResult> UntagResource(HttpRequest request)
    {
        await TagsApi.UntagResourceAsync(Arn(request), [.. request.Query["tagKeys"].OfType<string>()], request.HttpContext);
        return AwsRequest.Ok(new AwsEmptyResponse());
    }

    public static async Task<IResult> ListTagsForResource(HttpRequest request) =>
        AwsRequest.Ok(new AwsTagsResponse((await TagsApi.ListTagsForResourceAsync(Arn(request), request.HttpContext)).Tags));

    // AWS clients percent-encode the ARN's ':' and '/' into one segment; read it from the raw target, decoded once.
    private static string Arn(HttpRequest request)
    {
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.Path.ToString();
        var path = target.Split('?', 2)[0];
        var start = path.IndexOf(TagsPath, StringComparison.Ordinal);
        return Uri.UnescapeDataString(path[(start + TagsPath.Length)..]);
    }
}

/// <summary>TagResourceRequest's body.</summary>
public sealed class AwsTagResourceBody
{
    public Dictionary<string, string>? Tags { get; set; }
}
