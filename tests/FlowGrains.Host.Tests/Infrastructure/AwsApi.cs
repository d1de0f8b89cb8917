using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Host.Tests.Infrastructure;

/// <summary>One answer of the AWS wire: its status, its body, and the headers AWS clients read.</summary>
public sealed record AwsResponse(HttpStatusCode Status, JsonObject Body, string? RequestId, string? ErrorType)
{
    public string Message => Body["message"]!.GetValue<string>();
}

/// <summary>Calls the AWS wire at <c>/aws</c> as an AWS client would: bodies without the envelope.</summary>
public static class AwsApi
{
    public const string RequestIdHeader = "x-amzn-RequestId";
    public const string ErrorTypeHeader = "x-amzn-ErrorType";

    public static Task<AwsResponse> AwsPostAsync(this HttpClient client, string path, object body, string? authorization = null) =>
        client.AwsPostAsync(path, JsonSerializer.Serialize(body), authorization);

    public static Task<AwsResponse> AwsPostAsync(this HttpClient client, string path, string json, string? authorization = null, string contentType = "application/json") =>
        client.AwsSendAsync(HttpMethod.Post, path, json, authorization, contentType);

    /// <summary>Sends <paramref name="json"/> (none when null) to <c>/aws{path}</c>, with the Authorization header given (none when null).</summary>
    public static Task<AwsResponse> AwsSendAsync(
        this HttpClient client, HttpMethod method, string path, string? json = null, string? authorization = null, string contentType = "application/json") =>
        client.CallAsync(method, "/aws" + path, json, authorization, contentType);

    /// <summary>Sends <paramref name="json"/> (none when null) to <paramref name="path"/> on either wire, with the Authorization header given (none when null).</summary>
    public static async Task<AwsResponse> CallAsync(
        this HttpClient client, HttpMethod method, string path, string? json = null, string? authorization = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new AwsResponse(
            response.StatusCode,
            JsonNode.Parse(text.Length == 0 ? "{}" : text)!.AsObject(),
            Header(response, RequestIdHeader),
            Header(response, ErrorTypeHeader));
    }

    /// <summary>A LocalFolder to LocalFolder flow in the AWS wire's CustomConnector form (entityName is the folder).</summary>
    public static JsonObject LocalFolderFlow(string name, string source, string destination, JsonObject? triggerConfig = null) => new()
    {
        ["flowName"] = name,
        ["triggerConfig"] = triggerConfig ?? new JsonObject { ["triggerType"] = "OnDemand" },
        ["sourceFlowConfig"] = new JsonObject
        {
            ["connectorType"] = "CustomConnector",
            ["sourceConnectorProperties"] = LocalFolder(source, "CSV"),
        },
        ["destinationFlowConfigList"] = new JsonArray(new JsonObject
        {
            ["connectorType"] = "CustomConnector",
            ["destinationConnectorProperties"] = LocalFolder(destination, "JSON"),
        }),
        ["tasks"] = new JsonArray(new JsonObject
        {
            ["taskType"] = "Map",
            ["sourceFields"] = new JsonArray("name"),
            ["destinationField"] = "customer",
            ["connectorOperator"] = new JsonObject { ["CustomConnector"] = "NO_OP" },
        }),
    };

    /// <summary>The CustomConnector properties that name a LocalFolder <paramref name="path"/>.</summary>
    public static JsonObject LocalFolder(string path, string fileType) => new()
    {
        ["CustomConnector"] = new JsonObject
        {
            ["entityName"] = path,
            ["customProperties"] = new JsonObject { ["connectorLabel"] = "LocalFolder", ["fileType"] = fileType },
        },
    };

    /// <summary>A flow's ARN on the host fixtures' region and account.</summary>
    public static string FlowArn(string name) => $"arn:aws:appflow:local:000000000000:flow/{name}";

    /// <summary>A connector profile's ARN on the host fixtures' region and account.</summary>
    public static string ProfileArn(string name) => $"arn:aws:appflow:local:000000000000:connectorprofile/{name}";

    /// <summary>The AWS wire's path of a resource's tags: the ARN percent-encoded into one segment, as AWS clients send it.</summary>
    public static string TagsPath(string arn) => "/tags/" + Uri.EscapeDataString(arn);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
