using System.Collections.Immutable;
using FlowGrains.Host.Apis.Requests;
using FlowGrains.Host.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis;

/// <summary>Tags on flows and connector profiles, named by ARN: AppFlow's tag operations in the envelope.</summary>
internal static class TagsApi
{
    private const string Json = "application/json";

    public static IEndpointRouteBuilder MapTagsApi(this IEndpointRouteBuilder app)
    {
        var tags = app.MapGroup(string.Empty).WithTags("Tags").ProducesEnvelopeErrors();
        tags.MapPost("/tag-resource", TagResource).Accepts<TagResourceBody>(Json).RequireRole(AccessRole.Operator);
        tags.MapPost("/untag-resource", UntagResource).Accepts<UntagResourceBody>(Json).RequireRole(AccessRole.Operator);
        tags.MapPost("/list-tags-for-resource", ListTagsForResource).Accepts<ResourceArnBody>(Json).RequireRole(AccessRole.Reader);
        return app;
    }

    public static async Task<Ok<ApiEnvelope<TagsData>>> TagResource(HttpRequest request)
    {
        var body = await RequestBody.ReadAsync<TagResourceBody>(request);
        return TypedResults.Ok(ApiEnvelope.Ok(await TagResourceAsync(body.ResourceArn, body.Tags, request.HttpContext)));
    }

    public static async Task<Ok<ApiEnvelope<TagsData>>> UntagResource(HttpRequest request)
    {
        var body = await RequestBody.ReadAsync<UntagResourceBody>(request);
        return TypedResults.Ok(ApiEnvelope.Ok(await UntagResourceAsync(body.ResourceArn, body.TagKeys, request.HttpContext)));
    }

    public static async Task<Ok<ApiEnvelope<TagsData>>> ListTagsForResource(HttpRequest request)
    {
        var body = await RequestBody.ReadAsync<ResourceArnBody>(request);
        return TypedResults.Ok(ApiEnvelope.Ok(await ListTagsForResourceAsync(body.ResourceArn, request.HttpContext)));
    }

    /// <summary>TagResource, whichever wire asked: the resource's tags after the change.</summary>
    public static async Task<TagsData> TagResourceAsync(string? arn, Dictionary<string, string>? tags, HttpContext context)
    {
        var resource = await ResourceArns.ResolveAsync(arn, context, changing: true);
        return new TagsData(await resource.TagResourceAsync(tags is null ? null! : RequestMapping.StringMap(tags)));
    }

    /// <summary>UntagResource, whichever wire asked: the resource's tags after the change.</summary>
    public static async Task<TagsData> UntagResourceAsync(string? arn, IReadOnlyList<string>? tagKeys, HttpContext context)
    {
        var resource = await ResourceArns.ResolveAsync(arn, context, changing: true);
        return new TagsData(await resource.UntagResourceAsync(tagKeys is null ? default : [.. tagKeys]));
    }

    /// <summary>ListTagsForResource, whichever wire asked.</summary>
    public static async Task<TagsData> ListTagsForResourceAsync(string? arn, HttpContext context)
    {
        var resource = await ResourceArns.ResolveAsync(arn, context, changing: false);
        return new TagsData(await resource.ListTagsForResourceAsync());
    }
}

/// <summary>A resource's tags.</summary>
public sealed record TagsData(ImmutableSortedDictionary<string, string> Tags);
