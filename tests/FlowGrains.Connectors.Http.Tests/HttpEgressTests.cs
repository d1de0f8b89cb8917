using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using FlowGrains.Testing;
using static FlowGrains.Connectors.Http.Tests.Infrastructure.HttpConnectorHarness;

namespace FlowGrains.Connectors.Http.Tests;

/// <summary>The Http connector's connections go through the egress policy: what a name resolves to at run time is checked.</summary>
public sealed class HttpEgressTests : IDisposable
{
    private const string Refusal =
        "'api.rebind.test' resolves to 169.254.169.254, a cloud metadata address, which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)";

    private readonly ScriptedResolver _dns = new();
    private readonly HttpConnectorHarness _harness;

    public HttpEgressTests() => _harness = new HttpConnectorHarness(_dns);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task SourceWhoseNameResolvesToARefusedAddressAtRunTime_FailsWithTheRefusal_WithoutRetrying()
    {
        _dns.Script("api.rebind.test", "169.254.169.254");

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            _harness.ReadAllAsync(new Dictionary<string, string> { ["path"] = "items" }, Profile("http://api.rebind.test:8080/v1")));

        Assert.Equal($"Page 1: GET /v1/items failed after 1 attempt: {Refusal}.", error.Message);
        Assert.Equal(1, _dns.Calls("api.rebind.test"));
    }

    [Fact]
    public async Task DestinationWhoseNameResolvesToARefusedAddressAtRunTime_FailsWithTheRefusal()
    {
        _dns.Script("api.rebind.test", "169.254.169.254");

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() =>
            _harness.WriteAllAsync(new Dictionary<string, string> { ["path"] = "in" }, Profile("http://api.rebind.test:8080/"), ["""{"id":1}"""]));

        Assert.Equal($"POST /in failed after 1 attempt: {Refusal}.", error.Message);
        Assert.Equal(1, error.FailedRecords);
    }

    [Fact]
    public async Task NameResolvingToTheAllowedLoopbackServer_IsReached()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""[{"id":1}]""");
        var port = new Uri(server.BaseUrl).Port;
        _dns.Script("api.allowed.test", "127.0.0.1");

        var batches = await _harness.ReadAllAsync(new Dictionary<string, string> { ["path"] = "items" }, Profile($"http://api.allowed.test:{port}/"));

        Assert.Equal("""{"id":1}""", Json(batches));
        Assert.Equal($"api.allowed.test:{port}", Assert.Single(server.Received).Header("Host"));
    }

    [Fact]
    public void ProfileNamesItsBaseUrlHost_ForTheCheckWhenItIsSaved()
    {
        var target = Assert.Single(_harness.Connector.EgressTargets(Profile("https://API.Example.test:8443/v1"), "connectorProfileConfig"));

        Assert.Equal(("api.example.test", "connectorProfileConfig.connectorProfileProperties.Http.baseUrl"), (target.Host, target.Field));
    }
}
