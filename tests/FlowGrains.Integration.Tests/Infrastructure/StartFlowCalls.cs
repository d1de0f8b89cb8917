using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>What one start-flow call over HTTP answered: the run id when it was acknowledged (HTTP 200).</summary>
public sealed record StartFlowAnswer(HttpStatusCode? Status, string? ExecutionId, string? ErrorCode)
{
    public bool Acknowledged => Status == HttpStatusCode.OK && ExecutionId is not null;

    /// <summary>Calls start-flow; a refused connection or a timeout is an answer too (no status).</summary>
    public static async Task<StartFlowAnswer> CallAsync(HttpClient client, string flowName, string clientToken)
    {
        try
        {
            var (status, envelope) = await client.PostAsync("/start-flow", $$"""{"flowName":"{{flowName}}","clientToken":"{{clientToken}}"}""");
            return status == HttpStatusCode.OK
                ? new StartFlowAnswer(status, envelope.Data()["executionId"]!.GetValue<string>(), null)
                : new StartFlowAnswer(status, null, envelope.Code());
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new StartFlowAnswer(null, null, exception.GetType().Name);
        }
    }
}

/// <summary>Reads a flow's whole run history through describe-flow-execution-records, page by page.</summary>
public static class ExecutionRecords
{
    public static async Task<List<JsonObject>> ReadAllAsync(HttpClient client, string flowName)
    {
        var records = new List<JsonObject>();
        string? nextToken = null;
        do
        {
            var body = nextToken is null
                ? $$"""{"flowName":"{{flowName}}","maxResults":100}"""
                : $$"""{"flowName":"{{flowName}}","maxResults":100,"nextToken":"{{nextToken}}"}""";
            var (status, envelope) = await client.PostAsync("/describe-flow-execution-records", body);
            Assert.True(status == HttpStatusCode.OK, $"describe-flow-execution-records answered {status}: {envelope.ToJsonString()}");
            records.AddRange(envelope.Data()["flowExecutions"]!.AsArray().Select(node => node!.AsObject()));
            nextToken = envelope.Data()["nextToken"]?.GetValue<string>();
        }
        while (nextToken is not null);
        return records;
    }
}
