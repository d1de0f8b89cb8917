using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>A quota refusal on both wires: SERVICE_QUOTA_EXCEEDED 402 in the envelope, ServiceQuotaExceededException 402 on /aws.</summary>
[Collection(HostCollection.Name)]
public sealed class QuotaHttpTests(HostFixture fixture)
{
    private const string Refusal = "destinationFlowConfigList: the quota of 10 destinations per flow is reached (FlowGrains:Quotas:MaxDestinationsPerFlow).";

    private static JsonObject WithElevenDestinations(JsonObject flow)
    {
        var destination = flow["destinationFlowConfigList"]![0]!;
        flow["destinationFlowConfigList"] = new JsonArray([.. Enumerable.Range(0, 11).Select(_ => destination.DeepClone())]);
        return flow;
    }

    [Fact]
    public async Task ElevenDestinations_AreServiceQuotaExceeded402_InTheEnvelope()
    {
        var name = Api.NewName();
        var flow = WithElevenDestinations(JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Api.LocalFolderFlow(name, "in", "out")))!.AsObject());

        var (status, envelope) = await fixture.Client.PostAsync("/create-flow", flow.ToJsonString());
        var (described, _) = await fixture.Client.PostAsync("/describe-flow", new { flowName = name });

        Assert.Equal(HttpStatusCode.PaymentRequired, status);
        Assert.Equal("SERVICE_QUOTA_EXCEEDED", envelope["error"]!["code"]!.GetValue<string>());
        Assert.Equal(Refusal, envelope["error"]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, described);
    }

    [Fact]
    public async Task ElevenDestinations_AreServiceQuotaExceededException402_OnTheAwsWire()
    {
        var flow = WithElevenDestinations(AwsApi.LocalFolderFlow(Api.NewName(), "in", "out"));

        var refused = await fixture.Client.AwsPostAsync("/create-flow", flow.ToJsonString());

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.Status);
        Assert.Equal("ServiceQuotaExceededException", refused.ErrorType);
        Assert.Equal(Refusal, refused.Message);
    }
}
