using FlowGrains.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlowGrains.Host.Apis.Aws;

/// <summary>Reads AWS wire bodies and writes its answers.</summary>
internal static class AwsRequest
{
    /// <summary>
    /// The body as <typeparamref name="T"/>. A request without a body may leave out Content-Type, as AWS clients do;
    /// one that names another type is refused, so a web page cannot post a form or plain text here.
    /// </summary>
    public static Task<T> ReadAsync<T>(HttpRequest request)
        where T : new()
    {
        if (request.ContentType is { Length: > 0 } && !request.HasJsonContentType())
        {
            throw FlowOperationException.Invalid("Content-Type", "must be application/json.");
        }

        return RequestBody.ReadJsonAsync<T>(request, AwsJson.Options);
    }

    /// <summary>A 200 answer with <paramref name="body"/> in the AWS wire's JSON.</summary>
    public static JsonHttpResult<T> Ok<T>(T body) => TypedResults.Json(body, AwsJson.Options);
}
