using System.Globalization;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using static FlowGrains.Connectors.Http.Tests.Infrastructure.HttpConnectorHarness;

namespace FlowGrains.Connectors.Http.Tests;

public sealed class HttpRetryTests : IDisposable
{
    private readonly HttpConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private static Dictionary<string, string> Items(int? maxRetries = null)
    {
        var properties = new Dictionary<string, string> { ["path"] = "items" };
        if (maxRetries is { } retries)
        {
            properties["maxRetries"] = retries.ToString(CultureInfo.InvariantCulture);
        }

        return properties;
    }

    [Fact]
    public async Task TooManyRequests_WaitsRetryAfterSeconds_ThenReadsRecordsOnce()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"message":"slow down"}""", 429, ("Retry-After", "7")).ThenJson("""[{"id":1},{"id":2}]""");

        var batches = await _harness.ReadAllAsync(Items(), Profile(server.BaseUrl));

        Assert.Equal("""{"id":1},{"id":2}""", Json(batches));
        Assert.Equal([TimeSpan.FromSeconds(7)], _harness.Clock.Waits);
        Assert.Equal(TimeSpan.FromSeconds(7), _harness.Clock.Elapsed);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task ServiceUnavailable_WaitsUntilRetryAfterDate()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        var retryAt = SteppingClock.Start.AddSeconds(30).ToString("R", CultureInfo.InvariantCulture);
        server.ThenJson("{}", 503, ("Retry-After", retryAt)).ThenJson("""[{"id":1}]""");

        var batches = await _harness.ReadAllAsync(Items(), Profile(server.BaseUrl));

        Assert.Equal("""{"id":1}""", Json(batches));
        Assert.Equal([TimeSpan.FromSeconds(30)], _harness.Clock.Waits);
    }

    [Fact]
    public async Task RetryAfter_IsCappedAtSixtySeconds()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}", 429, ("Retry-After", "3600")).ThenJson("[]");

        await _harness.ReadAllAsync(Items(), Profile(server.BaseUrl));

        Assert.Equal([TimeSpan.FromSeconds(60)], _harness.Clock.Waits);
    }

    [Fact]
    public async Task RetryAfterDateAlreadyPast_RetriesWithoutWaiting()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        var past = SteppingClock.Start.AddMinutes(-5).ToString("R", CultureInfo.InvariantCulture);
        server.ThenJson("{}", 503, ("Retry-After", past)).ThenJson("""[{"id":1}]""");

        var batches = await _harness.ReadAllAsync(Items(), Profile(server.BaseUrl));

        Assert.Equal("""{"id":1}""", Json(batches));
        Assert.Empty(_harness.Clock.Waits);
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task Redirect_IsNotFollowed()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}", 302, ("Location", server.BaseUrl + "/elsewhere"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(Items(), Profile(server.BaseUrl)));

        Assert.Equal("Page 1: GET /items returned status 302 (Found).", error.Message);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task InternalServerError_IsRetriedWithBackoff()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}", 500).ThenJson("""[{"id":1}]""");

        var batches = await _harness.ReadAllAsync(Items(), Profile(server.BaseUrl));

        Assert.Equal("""{"id":1}""", Json(batches));
        var wait = Assert.Single(_harness.Clock.Waits);
        Assert.InRange(wait, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task BadRequest_IsNotRetried()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"error":"bad filter"}""", 400);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(Items(), Profile(server.BaseUrl + "/api")));

        Assert.Equal("Page 1: GET /api/items returned status 400 (BadRequest).", error.Message);
        Assert.Single(server.Received);
        Assert.Empty(_harness.Clock.Waits);
    }

    [Fact]
    public async Task RetriesExhausted_FailsNamingAttemptsAndLastStatus()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}", 503).ThenJson("{}", 502).ThenJson("{}", 503);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(Items(maxRetries: 2), Profile(server.BaseUrl)));

        Assert.Equal("Page 1: GET /items failed after 3 attempts: the last response was status 503 (ServiceUnavailable).", error.Message);
        Assert.Equal(3, server.Received.Count);
        Assert.Equal(2, _harness.Clock.Waits.Count);
        Assert.All(_harness.Clock.Waits, wait => Assert.InRange(wait, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(60)));
    }

    [Fact]
    public async Task NoRetries_FailsOnTheFirstRetriableStatus()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("{}", 503, ("Retry-After", "1"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(Items(maxRetries: 0), Profile(server.BaseUrl)));

        Assert.Equal("Page 1: GET /items returned status 503 (ServiceUnavailable).", error.Message);
        Assert.Empty(_harness.Clock.Waits);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetriedThenFailsNamingTheFailure()
    {
        string closedUrl;
        await using (var closed = await ScriptedHttpServer.StartAsync())
        {
            closedUrl = closed.BaseUrl;
        }

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(Items(maxRetries: 1), Profile(closedUrl)));

        Assert.Equal("Page 1: GET /items failed after 2 attempts: the connection failed (ConnectionError).", error.Message);
        Assert.Single(_harness.Clock.Waits);
    }
}
