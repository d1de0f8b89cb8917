using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests.Aws;

/// <summary>
/// The AWS wire at /aws: AppFlow's restJson1 over the envelope API's own operations. FlowGrains types travel as
/// CustomConnector and come back in the form given; errors are a status, x-amzn-ErrorType and a message.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class AwsWireTests(HostFixture fixture)
{
    private long Now => fixture.Time.GetUtcNow().ToUnixTimeSeconds();

    private async Task<(string Name, JsonObject Flow)> CreateFlowAsync()
    {
        var name = Api.NewName("aws");
        var source = Path.Combine(fixture.DataRoot, name, "in");
        Directory.CreateDirectory(source);
        await File.WriteAllTextAsync(Path.Combine(source, "orders.csv"), "id,name\n1,ann\n2,bo\n");
        var flow = AwsApi.LocalFolderFlow(name, $"{name}/in", $"{name}/out");
        var created = await fixture.Client.AwsPostAsync("/create-flow", flow.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, created.Status);
        return (name, flow);
    }

    private static void AssertAwsError(AwsResponse response, HttpStatusCode status, string errorType)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal(errorType, response.ErrorType);
        Assert.Equal(["message"], response.Body.Select(member => member.Key));
    }

    [Fact]
    public async Task CreateFlow_AnswersTheArnAndStatus_WithoutAnEnvelope()
    {
        var name = Api.NewName("aws");

        var created = await fixture.Client.AwsPostAsync("/create-flow", AwsApi.LocalFolderFlow(name, $"{name}/in", $"{name}/out").ToJsonString());

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal($$"""{"flowArn":"{{AwsApi.FlowArn(name)}}","flowStatus":"Active"}""", created.Body.ToJsonString());
    }

    [Fact]
    public async Task DescribeFlow_ReturnsTheCustomConnectorFormGiven_AndEpochSecondTimestamps()
    {
        var (name, flow) = await CreateFlowAsync();

        var described = await fixture.Client.AwsPostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.OK, described.Status);
        Assert.True(JsonNode.DeepEquals(flow["sourceFlowConfig"], described.Body["sourceFlowConfig"]), described.Body["sourceFlowConfig"]!.ToJsonString());
        Assert.True(JsonNode.DeepEquals(flow["destinationFlowConfigList"], described.Body["destinationFlowConfigList"]), described.Body["destinationFlowConfigList"]!.ToJsonString());
        Assert.Equal("""{"CustomConnector":"NO_OP"}""", described.Body["tasks"]![0]!["connectorOperator"]!.ToJsonString());
        Assert.Equal(JsonValueKind.Number, described.Body["createdAt"]!.GetValueKind());
        Assert.Equal(Now, described.Body["createdAt"]!.GetValue<decimal>());
        Assert.Equal(Now, described.Body["lastUpdatedAt"]!.GetValue<decimal>());
        Assert.Null(described.Body["success"]);
    }

    [Fact]
    public async Task EnvelopeDescribe_OfAFlowCreatedOverAws_ShowsTheFlowGrainsType()
    {
        var (name, _) = await CreateFlowAsync();

        var (status, envelope) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.OK, status);
        var source = envelope.Data()["sourceFlowConfig"]!;
        Assert.Equal("LocalFolder", source["connectorType"]!.GetValue<string>());
        Assert.Equal($"{{\"LocalFolder\":{{\"fileType\":\"CSV\",\"path\":\"{name}/in\"}}}}", source["sourceConnectorProperties"]!.ToJsonString());
        Assert.Equal("LocalFolder", envelope.Data()["destinationFlowConfigList"]![0]!["connectorType"]!.GetValue<string>());
        Assert.Equal("""{"LocalFolder":"NO_OP"}""", envelope.Data()["tasks"]![0]!["connectorOperator"]!.ToJsonString());
    }

    [Fact]
    public async Task StartFlow_WithAClientTokenTwice_GivesOneExecutionId_AndOnlyTheModelsMembers()
    {
        var (name, _) = await CreateFlowAsync();

        var first = await fixture.Client.AwsPostAsync("/start-flow", new { flowName = name, clientToken = "aws-retry-1" });
        var retry = await fixture.Client.AwsPostAsync("/start-flow", new { flowName = name, clientToken = "aws-retry-1" });

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(["flowArn", "flowStatus", "executionId"], first.Body.Select(member => member.Key));
        Assert.Equal(AwsApi.FlowArn(name), first.Body["flowArn"]!.GetValue<string>());
        Assert.Equal("Active", first.Body["flowStatus"]!.GetValue<string>());
        Assert.Equal(first.Body.ToJsonString(), retry.Body.ToJsonString());
    }

    [Fact]
    public async Task DescribeFlowExecutionRecords_ShowsTheRun_WithEpochSecondTimestamps()
    {
        var (name, _) = await CreateFlowAsync();
        var started = await fixture.Client.AwsPostAsync("/start-flow", new { flowName = name });
        var executionId = started.Body["executionId"]!.GetValue<string>();

        var runs = await Eventually.MatchesAsync(
            async () => (await fixture.Client.AwsPostAsync("/describe-flow-execution-records", new { flowName = name })).Body["flowExecutions"]!.AsArray(),
            runs => runs.Count > 0 && runs[0]!["executionStatus"]!.GetValue<string>() == "Successful",
            $"the run of {name} to succeed, as the AWS wire describes it");

        var run = Assert.Single(runs)!;
        Assert.Equal(executionId, run["executionId"]!.GetValue<string>());
        Assert.Equal(Now, run["startedAt"]!.GetValue<decimal>());
        Assert.Equal(JsonValueKind.Number, run["lastUpdatedAt"]!.GetValueKind());
        Assert.Equal(2, run["executionResult"]!["recordsProcessed"]!.GetValue<long>());
    }

    [Fact]
    public async Task ListFlows_ShowsCustomConnectorWithTheFlowGrainsTypeAsLabel()
    {
        var (name, _) = await CreateFlowAsync();

        var listed = await fixture.Client.AwsPostAsync("/list-flows", new { maxResults = 100 });

        var flow = listed.Body["flows"]!.AsArray().Single(f => f!["flowName"]!.GetValue<string>() == name)!;
        Assert.Equal("CustomConnector", flow["sourceConnectorType"]!.GetValue<string>());
        Assert.Equal("LocalFolder", flow["sourceConnectorLabel"]!.GetValue<string>());
        Assert.Equal("CustomConnector", flow["destinationConnectorType"]!.GetValue<string>());
        Assert.Equal("LocalFolder", flow["destinationConnectorLabel"]!.GetValue<string>());
        Assert.Equal(Now, flow["createdAt"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task ScheduledFlow_WithAnEpochScheduleStartTime_IsDescribedWithTheSameNumber()
    {
        var name = Api.NewName("aws");
        var startAt = Now + 86_400 + 0.25m;
        var trigger = new JsonObject
        {
            ["triggerType"] = "Scheduled",
            ["triggerProperties"] = new JsonObject
            {
                ["Scheduled"] = new JsonObject { ["scheduleExpression"] = "rate(5minutes)", ["scheduleStartTime"] = startAt },
            },
        };

        var created = await fixture.Client.AwsPostAsync("/create-flow", AwsApi.LocalFolderFlow(name, $"{name}/in", $"{name}/out", trigger).ToJsonString());
        var described = await fixture.Client.AwsPostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("Draft", created.Body["flowStatus"]!.GetValue<string>());
        var scheduled = described.Body["triggerConfig"]!["triggerProperties"]!["Scheduled"]!;
        Assert.Equal(JsonValueKind.Number, scheduled["scheduleStartTime"]!.GetValueKind());
        Assert.Equal(startAt, scheduled["scheduleStartTime"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task UnknownFlow_IsResourceNotFoundException404_WithOnlyAMessage()
    {
        var name = Api.NewName("aws");

        var described = await fixture.Client.AwsPostAsync("/describe-flow", new { flowName = name });

        AssertAwsError(described, HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Contains(name, described.Message);
        Assert.Null(described.Body["success"]);
    }

    [Fact]
    public async Task UnknownMember_IsValidationException()
    {
        var refused = await fixture.Client.AwsPostAsync("/describe-flow", $$"""{"flowName":"{{Api.NewName("aws")}}","flowname":"x"}""");

        AssertAwsError(refused, HttpStatusCode.BadRequest, "ValidationException");
        Assert.StartsWith("flowname:", refused.Message);
    }

    [Fact]
    public async Task PlainTextBody_IsValidationException()
    {
        var refused = await fixture.Client.AwsPostAsync("/describe-flow", $$"""{"flowName":"{{Api.NewName("aws")}}"}""", contentType: "text/plain");

        AssertAwsError(refused, HttpStatusCode.BadRequest, "ValidationException");
        Assert.Equal("Content-Type: must be application/json.", refused.Message);
    }

    [Fact]
    public async Task StopOnDemandFlow_IsUnsupportedOperationException()
    {
        var (name, _) = await CreateFlowAsync();

        var refused = await fixture.Client.AwsPostAsync("/stop-flow", new { flowName = name });

        AssertAwsError(refused, HttpStatusCode.BadRequest, "UnsupportedOperationException");
    }

    [Fact]
    public async Task SecondCreate_IsConflictException()
    {
        var (_, flow) = await CreateFlowAsync();

        var refused = await fixture.Client.AwsPostAsync("/create-flow", flow.ToJsonString());

        AssertAwsError(refused, HttpStatusCode.Conflict, "ConflictException");
    }

    [Fact]
    public async Task RegisterConnector_IsUnsupportedOperationException()
    {
        var refused = await fixture.Client.AwsPostAsync("/register-connector", new { connectorLabel = "mine" });

        AssertAwsError(refused, HttpStatusCode.BadRequest, "UnsupportedOperationException");
        Assert.StartsWith("RegisterConnector is not supported.", refused.Message);
    }

    [Fact]
    public async Task UnknownPath_IsUnknownOperationException404()
    {
        var refused = await fixture.Client.AwsSendAsync(HttpMethod.Get, "/nope");

        AssertAwsError(refused, HttpStatusCode.NotFound, "UnknownOperationException");
        Assert.Equal("No AppFlow operation is GET /aws/nope.", refused.Message);
    }

    [Theory]
    [InlineData("/list-flows", "{}")]
    [InlineData("/describe-flow", """{"flowName":"aws-never-created"}""")]
    [InlineData("/describe-flow", """{"flowName":1}""")]
    [InlineData("/nope", "{}")]
    public async Task EveryAnswer_CarriesARequestId(string path, string json)
    {
        var first = await fixture.Client.AwsPostAsync(path, json);
        var second = await fixture.Client.AwsPostAsync(path, json);

        Assert.True(Guid.TryParse(first.RequestId, out _), $"x-amzn-RequestId of {path}: '{first.RequestId}'");
        Assert.NotEqual(first.RequestId, second.RequestId);
    }
}
