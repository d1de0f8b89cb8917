using System.Net;
using System.Text;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class EventsHttpTests(HostFixture fixture)
{
    private async Task<string> ActiveEventFlowAsync()
    {
        var name = Api.NewName("events");
        var flow = new
        {
            flowName = name,
            triggerConfig = new { triggerType = "Event" },
            sourceFlowConfig = new { connectorType = "EventPayload", sourceConnectorProperties = new { EventPayload = new { } } },
            destinationFlowConfigList = new[]
            {
                new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = $"{name}/out", fileType = "JSON" } } },
            },
            tasks = Array.Empty<object>(),
        };
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.PostAsync("/create-flow", flow)).Status);
        await fixture.Client.PostAsync("/start-flow", new { flowName = name });
        return name;
    }

    private async Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Envelope)> SendAsync(string name, string body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/flows/{name}/events") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        using var response = await fixture.Client.SendAsync(request);
        return (response.StatusCode, System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    [Fact]
    public async Task AnEvent_RunsTheFlow_AndItsIdempotencyKeyDeduplicates()
    {
        var name = await ActiveEventFlowAsync();

        var (status, first) = await SendAsync(name, "{\"order\":7}", key: "evt-7");
        var (_, again) = await SendAsync(name, "{\"order\":7}", key: "evt-7");
        var (_, byField) = await SendAsync(name, "{\"eventId\":\"evt-8\",\"order\":8}");
        var (_, byFieldAgain) = await SendAsync(name, "{\"eventId\":\"evt-8\",\"order\":8}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        Assert.Equal(byField.ToJsonString(), byFieldAgain.ToJsonString());
        var executionId = first.Data()["executionId"]!.GetValue<string>();
        var output = Path.Combine(fixture.DataRoot, name, "out", $"{executionId}.jsonl");
        await Eventually.MatchesAsync(() => Task.FromResult(File.Exists(output)), exists => exists, $"the event's run to write {output}");

        Assert.Equal("{\"order\":7}\n", await File.ReadAllTextAsync(output));
    }

    [Fact]
    public async Task AnEventOver256KiB_IsAValidationError()
    {
        var name = await ActiveEventFlowAsync();

        var (status, envelope) = await SendAsync(name, "{\"pad\":\"" + new string('x', 256 * 1024) + "\"}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VALIDATION_ERROR", envelope.Code());
        Assert.StartsWith("body:", envelope.Message());
    }

    [Fact]
    public async Task AnEventForADraftFlow_IsAConflict()
    {
        var name = Api.NewName("draft");
        await fixture.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out", "Event"));

        var (status, envelope) = await SendAsync(name, "{}");

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CONFLICT", envelope.Code());
    }
}
