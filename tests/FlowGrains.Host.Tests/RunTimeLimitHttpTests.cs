using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>The flow-level runTimeLimitSeconds extension: bounded on create, kept and described, on both wires.</summary>
[Collection(HostCollection.Name)]
public sealed class RunTimeLimitHttpTests(HostFixture fixture)
{
    private static string FlowWithLimit(string name, long seconds)
    {
        var flow = JsonNode.Parse(JsonSerializer.Serialize(Api.LocalFolderFlow(name, "in", "out")))!.AsObject();
        flow["runTimeLimitSeconds"] = seconds;
        return flow.ToJsonString();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(604801)]
    public async Task ALimitOutside1SecondTo7Days_IsValidationError_NamingTheField(long seconds)
    {
        var (status, envelope) = await fixture.Client.PostAsync("/create-flow", FlowWithLimit(Api.NewName(), seconds));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("VALIDATION_ERROR", envelope["error"]!["code"]!.GetValue<string>());
        Assert.Equal("runTimeLimitSeconds: must be 1-604800 (7 days).", envelope["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AFlowsOwnLimit_IsDescribed()
    {
        var name = Api.NewName();
        await fixture.Client.PostAsync("/create-flow", FlowWithLimit(name, 90));

        var (_, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(90, described["data"]!["runTimeLimitSeconds"]!.GetValue<int>());
    }

    [Fact]
    public async Task ALimitOutside1SecondTo7Days_IsValidationException_OnTheAwsWire()
    {
        var flow = AwsApi.LocalFolderFlow(Api.NewName(), "in", "out");
        flow["runTimeLimitSeconds"] = 0;

        var refused = await fixture.Client.AwsPostAsync("/create-flow", flow.ToJsonString());

        Assert.Equal((HttpStatusCode.BadRequest, "ValidationException"), (refused.Status, refused.ErrorType));
        Assert.Contains("runTimeLimitSeconds", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlowsOwnLimit_IsDescribed_OnTheAwsWire()
    {
        var name = Api.NewName();
        var flow = AwsApi.LocalFolderFlow(name, $"{name}/in", $"{name}/out");
        flow["runTimeLimitSeconds"] = 90;
        var created = await fixture.Client.AwsPostAsync("/create-flow", flow.ToJsonString());

        var described = await fixture.Client.AwsPostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(90, described.Body["runTimeLimitSeconds"]!.GetValue<int>());
    }
}
