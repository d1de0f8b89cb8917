using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Host.Tests.Infrastructure;

/// <summary>Calls the front door with raw JSON, as curl would, and reads the envelope.</summary>
public static class Api
{
    public static async Task<(HttpStatusCode Status, JsonObject Envelope)> PostAsync(this HttpClient client, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(path, content);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(body)!.AsObject());
    }

    public static Task<(HttpStatusCode Status, JsonObject Envelope)> PostAsync(this HttpClient client, string path, object body) =>
        client.PostAsync(path, JsonSerializer.Serialize(body));

    public static string Code(this JsonObject envelope) => envelope["error"]!["code"]!.GetValue<string>();

    public static string Message(this JsonObject envelope) => envelope["error"]!["message"]!.GetValue<string>();

    public static JsonNode Data(this JsonObject envelope) => envelope["data"]!;

    public static object LocalFolderFlow(string name, string source, string destination, string triggerType = "OnDemand", object? tasks = null) => new
    {
        flowName = name,
        triggerConfig = triggerType == "Scheduled"
            ? (object)new { triggerType, triggerProperties = new { Scheduled = new { scheduleExpression = "rate(5minutes)" } } }
            : new { triggerType },
        sourceFlowConfig = new { connectorType = "LocalFolder", sourceConnectorProperties = new { LocalFolder = new { path = source, fileType = "CSV" } } },
        destinationFlowConfigList = new[]
        {
            new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = destination, fileType = "JSON" } } },
        },
        tasks = tasks ?? Array.Empty<object>(),
    };

    public static string NewName(string prefix = "http") => $"{prefix}-{Guid.NewGuid():N}";
}
