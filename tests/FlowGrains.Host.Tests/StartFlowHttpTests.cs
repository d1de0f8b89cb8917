using System.Net;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>start-flow.md over HTTP: the envelope, the codes, and the README tour end to end.</summary>
[Collection(HostCollection.Name)]
public sealed class StartFlowHttpTests(HostFixture fixture)
{
    private async Task<string> CreateFolderFlowAsync(string triggerType = "OnDemand", object? tasks = null)
    {
        var name = Api.NewName();
        var source = Path.Combine(fixture.DataRoot, name, "in");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "orders.csv"), "id,name,amount\n1,ann,10\n2,bo,20\n");
        var (status, envelope) = await fixture.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out", triggerType, tasks));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(envelope["success"]!.GetValue<bool>());
        return name;
    }

    [Fact]
    public async Task Tour_StartRetryAndFindTheOutputFile()
    {
        var name = await CreateFolderFlowAsync(tasks: new object[]
        {
            new { taskType = "Map", sourceFields = new[] { "name" }, destinationField = "customer", connectorOperator = new { LocalFolder = "NO_OP" } },
            new { taskType = "Passthrough", sourceFields = new[] { "amount" } },
        });
        var start = $"{{\"flowName\":\"{name}\",\"clientToken\":\"retry-safe-1\"}}";

        var (status, first) = await fixture.Client.PostAsync("/start-flow", start);
        var (_, retry) = await fixture.Client.PostAsync("/start-flow", start);

        Assert.Equal(HttpStatusCode.OK, status);
        var data = first.Data();
        var executionId = data["executionId"]!.GetValue<string>();
        Assert.Equal(executionId, data["id"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:00:00.000Z", data["created_at"]!.GetValue<string>());
        Assert.Equal(name, data["flowName"]!.GetValue<string>());
        Assert.Equal($"arn:aws:appflow:local:000000000000:flow/{name}", data["flowArn"]!.GetValue<string>());
        Assert.Equal("Active", data["flowStatus"]!.GetValue<string>());
        Assert.Equal(first.ToJsonString(), retry.ToJsonString());

        var records = await WaitForRunAsync(name, "Successful");
        Assert.Equal(executionId, records[0]!["executionId"]!.GetValue<string>());
        Assert.Equal(2, records[0]!["executionResult"]!["recordsProcessed"]!.GetValue<long>());
        var output = Directory.GetFiles(Path.Combine(fixture.DataRoot, name, "out"));
        Assert.Equal([$"{executionId}.jsonl"], output.Select(Path.GetFileName));
        Assert.Equal("{\"customer\":\"ann\",\"amount\":\"10\"}\n{\"customer\":\"bo\",\"amount\":\"20\"}\n", await File.ReadAllTextAsync(output[0]));
    }

    [Fact]
    public async Task ScheduledFlowStart_ActivatesWithNullExecutionId_AndMismatchIs409()
    {
        var name = await CreateFolderFlowAsync("Scheduled");

        var (_, activated) = await fixture.Client.PostAsync("/start-flow", $"{{\"flowName\":\"{name}\",\"clientToken\":\"a1\",\"parameters\":{{\"region\":\"eu\"}}}}");
        var (status, mismatch) = await fixture.Client.PostAsync("/start-flow", $"{{\"flowName\":\"{name}\",\"clientToken\":\"a1\",\"parameters\":{{\"region\":\"us\"}}}}");
        var (conflictStatus, conflict) = await fixture.Client.PostAsync("/start-flow", $"{{\"flowName\":\"{name}\",\"clientToken\":\"a2\"}}");

        var (_, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });
        Assert.Equal("rate(5minutes)", described.Data()["triggerConfig"]!["triggerProperties"]!["Scheduled"]!["scheduleExpression"]!.GetValue<string>());
        Assert.Null(activated.Data()["executionId"]);
        Assert.True(activated.Data().AsObject().ContainsKey("executionId"));
        Assert.Equal("Active", activated.Data()["flowStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal("CLIENT_TOKEN_MISMATCH", mismatch.Code());
        Assert.Equal(HttpStatusCode.Conflict, conflictStatus);
        Assert.Equal("CONFLICT", conflict.Code());
    }

    [Fact]
    public async Task StopOnDemandFlow_IsUnsupportedOperation400()
    {
        var name = await CreateFolderFlowAsync();

        var (status, envelope) = await fixture.Client.PostAsync("/stop-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("UNSUPPORTED_OPERATION", envelope.Code());
    }

    [Fact]
    public async Task StartUnknownFlow_IsNotFound404()
    {
        var (status, envelope) = await fixture.Client.PostAsync("/start-flow", new { flowName = Api.NewName() });

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", envelope.Code());
    }

    [Fact]
    public async Task FailedRun_RecordsErrorWithItsMessage()
    {
        var name = Api.NewName();
        await fixture.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, $"{name}/missing", $"{name}/out"));

        await fixture.Client.PostAsync("/start-flow", new { flowName = name });

        var records = await WaitForRunAsync(name, "Error");
        Assert.Equal($"Source folder '{name}/missing' does not exist.", records[0]!["executionResult"]!["errorInfo"]!["executionMessage"]!.GetValue<string>());
        var (_, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });
        Assert.Equal("Error", described.Data()["lastRunExecutionDetails"]!["mostRecentExecutionStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task FlowOperations_RoundTripOverHttp()
    {
        var name = await CreateFolderFlowAsync("Event");

        var (_, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });
        var (_, listed) = await fixture.Client.PostAsync("/list-flows", new { maxResults = 100 });
        var (_, updated) = await fixture.Client.PostAsync("/update-flow", Api.LocalFolderFlow(name, $"{name}/in", $"{name}/out2", "OnDemand"));
        var (_, deleted) = await fixture.Client.PostAsync("/delete-flow", new { flowName = name });
        var (goneStatus, _) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal("Draft", described.Data()["flowStatus"]!.GetValue<string>());
        Assert.Equal("Event", described.Data()["triggerConfig"]!["triggerType"]!.GetValue<string>());
        Assert.Equal($"{name}/in", described.Data()["sourceFlowConfig"]!["sourceConnectorProperties"]!["LocalFolder"]!["path"]!.GetValue<string>());
        Assert.Equal("2026-03-01T12:00:00.000Z", described.Data()["createdAt"]!.GetValue<string>());
        Assert.True(listed["success"]!.GetValue<bool>());
        Assert.Equal("Active", updated.Data()["flowStatus"]!.GetValue<string>());
        Assert.Equal("{}", deleted.Data().ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, goneStatus);
    }

    private Task<System.Text.Json.Nodes.JsonArray> WaitForRunAsync(string name, string status) =>
        Eventually.MatchesAsync(
            async () => (await fixture.Client.PostAsync("/describe-flow-execution-records", new { flowName = name })).Envelope.Data()["flowExecutions"]!.AsArray(),
            runs => runs.Count > 0 && runs[0]!["executionStatus"]!.GetValue<string>() == status,
            $"the run of {name} to become {status}");
}
