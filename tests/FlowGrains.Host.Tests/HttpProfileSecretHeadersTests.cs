using System.Net;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

/// <summary>
/// An Http profile's header values are secrets unless the header is on the safe list: described as *** on both
/// wires, never logged, sent to the remote server on runs, and kept by an update that sends *** back.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class HttpProfileSecretHeadersTests(HostFixture fixture)
{
    private const string Token = "hdr-token-80417";

    private static object Profile(string name, string baseUrl, object headers) => new
    {
        connectorProfileName = name,
        connectorType = "Http",
        connectionMode = "Public",
        connectorProfileConfig = new
        {
            connectorProfileProperties = new { Http = new { baseUrl, headers } },
            connectorProfileCredentials = new { Http = new { } },
        },
    };

    private static object HttpSourceFlow(string name, string profile) => new
    {
        flowName = name,
        triggerConfig = new { triggerType = "OnDemand" },
        sourceFlowConfig = new { connectorType = "Http", connectorProfileName = profile, sourceConnectorProperties = new { Http = new { path = "items" } } },
        destinationFlowConfigList = new[]
        {
            new { connectorType = "LocalFolder", destinationConnectorProperties = new { LocalFolder = new { path = $"{name}/out", fileType = "JSON" } } },
        },
        tasks = Array.Empty<object>(),
    };

    [Fact]
    public async Task SecretHeader_IsDescribedAsTheMaskOnBothWires_TheSafeHeaderAsSet_AndNothingLogsIt()
    {
        var name = Api.NewName("hdrprofile");
        var (status, _) = await fixture.Client.PostAsync(
            "/create-connector-profile", Profile(name, "https://api.example.test", new Dictionary<string, string> { ["X-Auth-Token"] = Token, ["Accept-Language"] = "de" }));

        var (_, envelope) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });
        var aws = await fixture.Client.AwsPostAsync("/describe-connector-profiles", new { connectorProfileNames = new[] { name } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            """{"Http":{"baseUrl":"https://api.example.test","headers":{"Accept-Language":"de","X-Auth-Token":"***"}}}""",
            Assert.Single(envelope.Data()["connectorProfileDetails"]!.AsArray())!["connectorProfileProperties"]!.ToJsonString());
        Assert.Equal(
            """{"CustomConnector":{"profileProperties":{"baseUrl":"https://api.example.test","headers.Accept-Language":"de","headers.X-Auth-Token":"***"}}}""",
            Assert.Single(aws.Body["connectorProfileDetails"]!.AsArray())!["connectorProfileProperties"]!.ToJsonString());
        Assert.DoesNotContain(Token, envelope.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, aws.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Token, fixture.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecretHeader_ReachesTheServerOnARun_AndAnUpdateSendingTheMaskBackKeepsIt()
    {
        // On the loopback address the host's egress policy allows, as an operator would name a server.
        await using var server = await ScriptedHttpServer.StartAsync(HostFixture.AllowedLoopback);
        server.ThenJson("""[{"id":1}]""").ThenJson("""[{"id":2}]""");
        var profile = Api.NewName("hdrprofile");
        var flow = Api.NewName("hdrflow");
        await fixture.Client.PostAsync("/create-connector-profile", Profile(profile, server.BaseUrl, new Dictionary<string, string> { ["X-Auth-Token"] = Token }));
        var (created, _) = await fixture.Client.PostAsync("/create-flow", HttpSourceFlow(flow, profile));

        await RunAsync(flow, expectedRuns: 1);
        var (updated, _) = await fixture.Client.PostAsync("/update-connector-profile", new
        {
            connectorProfileName = profile,
            connectionMode = "Public",
            connectorProfileConfig = new
            {
                connectorProfileProperties = new { Http = new { baseUrl = server.BaseUrl, headers = new Dictionary<string, string> { ["X-Auth-Token"] = "***" } } },
                connectorProfileCredentials = new { Http = new { } },
            },
        });
        await RunAsync(flow, expectedRuns: 2);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created, updated));
        Assert.Equal([Token, Token], server.Received.Select(request => request.Header("X-Auth-Token")));
    }

    private async Task RunAsync(string flow, int expectedRuns)
    {
        await fixture.Client.PostAsync("/start-flow", new { flowName = flow });
        await Eventually.MatchesAsync(
            async () => (await fixture.Client.PostAsync("/describe-flow-execution-records", new { flowName = flow })).Envelope.Data()["flowExecutions"]!.AsArray(),
            runs => runs.Count == expectedRuns && runs.All(run => run!["executionStatus"]!.GetValue<string>() == "Successful"),
            $"run {expectedRuns} of {flow} to succeed");
    }
}
