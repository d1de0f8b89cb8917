using System.Text;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using static FlowGrains.Connectors.Http.Tests.Infrastructure.HttpConnectorHarness;

namespace FlowGrains.Connectors.Http.Tests;

public sealed class HttpDestinationTests : IDisposable
{
    private const string Secret = "s3cr3t-Value-9";
    private static readonly string BasicToken = Convert.ToBase64String(Encoding.UTF8.GetBytes($"robot:{Secret}"));
    private readonly HttpConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    public static TheoryData<string, string, string> CredentialKinds => new()
    {
        { "bearerToken", "Authorization", $"Bearer {Secret}" },
        { "apiKey", "X-Api-Key", Secret },
        { "apiKey+header", "X-Partner-Key", Secret },
        { "basic", "Authorization", $"Basic {BasicToken}" },
    };

    private static ConnectorProfileSettings ProfileWith(string baseUrl, string kind) => kind switch
    {
        "bearerToken" => Profile(baseUrl, new Dictionary<string, string> { ["bearerToken"] = Secret }),
        "apiKey" => Profile(baseUrl, new Dictionary<string, string> { ["apiKey"] = Secret }),
        "apiKey+header" => Profile(baseUrl, new Dictionary<string, string> { ["apiKey"] = Secret }, new Dictionary<string, string> { ["apiKeyHeader"] = "X-Partner-Key" }),
        "basic" => Profile(baseUrl, new Dictionary<string, string> { ["username"] = "robot", ["password"] = Secret }),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Fact]
    public async Task PostsBatchesOfTheConfiguredSize_AsJsonArrays()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}").ThenJson("{}", 201).ThenJson("{}", 202).ThenJson("{}", 204);
        var properties = new Dictionary<string, string> { ["path"] = "ingest?source=flow", ["batchSize"] = "2" };

        var bytes = await _harness.WriteAllAsync(properties, Profile(server.BaseUrl + "/v2"),
            ["""{"id":1}""", """{"id":2}""", """{"id":3}""", """{"id":4}""", """{"id":5,"tags":["a"]}"""],
            ["""{"id":6}"""]);

        Assert.Equal(
            ["""[{"id":1},{"id":2}]""", """[{"id":3},{"id":4}]""", """[{"id":5,"tags":["a"]}]""", """[{"id":6}]"""],
            server.Received.Select(request => request.Body));
        Assert.All(server.Received, request => Assert.Equal(
            ("POST", "/v2/ingest?source=flow", "application/json; charset=utf-8"),
            (request.Method, request.PathAndQuery, request.Header("Content-Type"))));
        Assert.Equal(server.Received.Sum(request => request.Body.Length), bytes);
    }

    [Fact]
    public async Task DefaultBatchSize_IsOneHundred()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}").ThenJson("{}");

        await _harness.WriteAllAsync(new Dictionary<string, string>(), Profile(server.BaseUrl),
            Enumerable.Range(1, 101).Select(i => $$"""{"n":{{i}}}""").ToArray());

        Assert.Equal([100, 1], server.Received.Select(request => System.Text.Json.Nodes.JsonNode.Parse(request.Body)!.AsArray().Count));
    }

    [Fact]
    public async Task BodyRecordsProperty_WrapsTheArray()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}");

        await _harness.WriteAllAsync(new Dictionary<string, string> { ["path"] = "bulk", ["bodyRecordsProperty"] = "records" }, Profile(server.BaseUrl),
            ["""{"id":1}""", """{"id":2}"""]);

        Assert.Equal("""{"records":[{"id":1},{"id":2}]}""", Assert.Single(server.Received).Body);
    }

    [Theory]
    [MemberData(nameof(CredentialKinds))]
    public async Task SendsTheProfileCredentialAndHeaders(string kind, string header, string value)
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}").ThenJson("[]");
        var profile = ProfileWith(server.BaseUrl, kind);
        profile = profile with { Properties = new Dictionary<string, string>(profile.Properties) { ["headers.X-Tenant"] = "acme" } };

        await _harness.WriteAllAsync(new Dictionary<string, string> { ["path"] = "in" }, profile, ["""{"id":1}"""]);
        await _harness.ReadAllAsync(new Dictionary<string, string> { ["path"] = "out" }, profile);

        Assert.All(server.Received, request => Assert.Equal((value, "acme"), (request.Header(header), request.Header("X-Tenant"))));
        Assert.All(server.Received, request => Assert.Equal(header == "Authorization" ? 1 : 0, request.Headers.Keys.Count(name => name == "Authorization")));
    }

    [Fact]
    public async Task BatchThatFailsAfterRetries_IsRefusedWithItsUnsentRecords()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}")
            .ThenJson("""{"error":"overloaded"}""", 503)
            .ThenJson($$"""{"error":"still overloaded","echo":"Bearer {{Secret}}"}""", 503);
        var properties = new Dictionary<string, string> { ["path"] = "ingest", ["batchSize"] = "2", ["maxRetries"] = "1" };
        var profile = ProfileWith(server.BaseUrl, "bearerToken");

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() => _harness.WriteAllAsync(properties, profile,
            ["""{"id":1}""", """{"id":2}""", """{"id":3}""", """{"id":4}""", """{"id":5}"""]));

        Assert.Equal(
            """POST /ingest failed after 2 attempts: the last response was status 503 (ServiceUnavailable). Response: {"error":"still overloaded","echo":"Bearer ***"}""",
            error.Message);
        Assert.Equal(3, error.FailedRecords);
        Assert.Equal(["""[{"id":1},{"id":2}]""", """[{"id":3},{"id":4}]""", """[{"id":3},{"id":4}]"""], server.Received.Select(request => request.Body));
    }

    [Fact]
    public async Task RefusedBatch_QuotesTheFirst200CharactersOfTheResponse()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        var body = "{\"error\":\"" + new string('x', 300) + "\"}";
        server.ThenJson(body, 422);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() => _harness.WriteAllAsync(
            new Dictionary<string, string> { ["path"] = "ingest" }, Profile(server.BaseUrl), ["""{"id":1}"""]));

        Assert.Equal($"POST /ingest returned status 422 (UnprocessableEntity). Response: {body[..200]}", error.Message);
        Assert.Equal(1, error.FailedRecords);
        Assert.Single(server.Received);
    }

    [Theory]
    [InlineData("""{"echo":"Bearer s3cr\/t+Value=9"}""", """{"echo":"Bearer ***"}""")]
    [InlineData("""{"echo":"s3cr\u002Ft\u002bValue\u003D9"}""", """{"echo":"***"}""")]
    [InlineData("""{"echo":"s3cr%2Ft%2BValue%3d9"}""", """{"echo":"***"}""")]
    [InlineData("""{"echo":"s3cr%5C%2Ft%2BValue=9"}""", """{"echo":"***"}""")]
    public async Task SecretEchoedEscaped_IsMaskedInTheRunError(string echoed, string quoted)
    {
        const string secret = "s3cr/t+Value=9";
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson(echoed, 422);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() => _harness.WriteAllAsync(
            new Dictionary<string, string> { ["path"] = "ingest" }, Profile(server.BaseUrl, new Dictionary<string, string> { ["bearerToken"] = secret }), ["""{"id":1}"""]));

        Assert.Equal($"POST /ingest returned status 422 (UnprocessableEntity). Response: {quoted}", error.Message);
    }

    [Theory]
    [MemberData(nameof(CredentialKinds))]
    public async Task NoSecretOrQuery_AppearsInAnyMessage(string kind, string header, string value)
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        var echo = $$"""{"{{header}}":"{{value}}","secret":"{{Secret}}","basic":"{{BasicToken}}"}""";
        server.ThenJson(echo, 401).ThenJson(echo, 403);
        var profile = ProfileWith(server.BaseUrl, kind);

        var writeError = await Assert.ThrowsAsync<DestinationWriteException>(() => _harness.WriteAllAsync(
            new Dictionary<string, string> { ["path"] = "ingest?token=query-secret" }, profile, ["""{"id":1}"""]));
        var readError = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(
            new Dictionary<string, string> { ["path"] = "list?token=query-secret" }, profile));

        Assert.All(new[] { writeError.Message, readError.Message, profile.ToString() }, message =>
        {
            Assert.DoesNotContain(Secret, message, StringComparison.Ordinal);
            Assert.DoesNotContain(kind == "basic" ? BasicToken : Secret, message, StringComparison.Ordinal);
            Assert.DoesNotContain("query-secret", message, StringComparison.Ordinal);
        });
        Assert.Equal("Page 1: GET /list returned status 403 (Forbidden).", readError.Message);
    }

    [Fact]
    public async Task Writer_CommitsEachBatch()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        await using var writer = await _harness.Connector.OpenWriterAsync(Context(new Dictionary<string, string>(), Profile(server.BaseUrl)), CancellationToken.None);

        Assert.True(writer.CommitsEachBatch);
        Assert.Equal(0, await writer.CompleteAsync(CancellationToken.None));
    }
}
