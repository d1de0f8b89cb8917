using FlowGrains.Connectors;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using static FlowGrains.Connectors.Http.Tests.Infrastructure.HttpConnectorHarness;

namespace FlowGrains.Connectors.Http.Tests;

/// <summary>A profile's header values are secrets unless the header is on the short safe list.</summary>
public sealed class HttpSecretHeaderTests : IDisposable
{
    private const string Token = "hdr-secret-5521";

    private readonly HttpConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("headers.X-Auth-Token", true)]
    [InlineData("headers.Cookie", true)]
    [InlineData("headers.X-Api-Version", true)]
    [InlineData("headers.Accept-Language", false)]
    [InlineData("headers.user-agent", false)]
    [InlineData("headers.Cache-Control", false)]
    [InlineData("baseUrl", false)]
    [InlineData("apiKeyHeader", false)]
    public void HeaderValues_AreSecretUnlessOnTheSafeList(string key, bool secret) =>
        Assert.Equal(secret, _harness.Connector.IsSecretProfileProperty(key));

    [Fact]
    public async Task SecretHeader_IsSentOnEveryRequest_AndMaskedWhereTheServerEchoesIt()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson($$"""{"error":"bad token {{Token}}","agent":"flowgrains-test"}""", 401);
        var profile = Profile(server.BaseUrl, properties: new Dictionary<string, string>
        {
            ["headers.X-Auth-Token"] = Token, ["headers.User-Agent"] = "flowgrains-test",
        });

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() => _harness.WriteAllAsync(
            new Dictionary<string, string> { ["path"] = "ingest" }, profile, ["""{"id":1}"""]));

        var request = Assert.Single(server.Received);
        Assert.Equal((Token, "flowgrains-test"), (request.Header("X-Auth-Token"), request.Header("User-Agent")));
        Assert.Equal("""POST /ingest returned status 401 (Unauthorized). Response: {"error":"bad token ***","agent":"flowgrains-test"}""", error.Message);
    }
}
