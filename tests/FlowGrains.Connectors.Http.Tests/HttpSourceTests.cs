using FlowGrains.Connectors;
using FlowGrains.Connectors.Http.Tests.Infrastructure;
using static FlowGrains.Connectors.Http.Tests.Infrastructure.HttpConnectorHarness;

namespace FlowGrains.Connectors.Http.Tests;

public sealed class HttpSourceTests : IDisposable
{
    private readonly HttpConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task ReadsPlainArray_AsOneBatchWithTheBodyLength()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        const string body = """[{"id":1,"name":"a"},{"id":2,"name":"b"}]""";
        server.ThenJson(body);

        var batches = await _harness.ReadAllAsync(new Dictionary<string, string> { ["path"] = "items?limit=2" }, Profile(server.BaseUrl + "/v1"));

        var batch = Assert.Single(batches);
        Assert.Equal("""{"id":1,"name":"a"},{"id":2,"name":"b"}""", Json(batches));
        Assert.Equal(body.Length, batch.BytesRead);
        Assert.All(batch.Records, record => Assert.Null(record.Parent));
        var request = Assert.Single(server.Received);
        Assert.Equal(("GET", "/v1/items?limit=2", "application/json"), (request.Method, request.PathAndQuery, request.Header("Accept")));
    }

    [Fact]
    public async Task ReadsRecordsAtNestedPath()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"data":{"items":[{"id":1},{"id":2}],"total":2}}""");

        var batches = await _harness.ReadAllAsync(
            new Dictionary<string, string> { ["path"] = "/things", ["recordsPath"] = "data.items" }, Profile(server.BaseUrl + "/"));

        Assert.Equal("""{"id":1},{"id":2}""", Json(batches));
        Assert.Equal("/things", Assert.Single(server.Received).PathAndQuery);
    }

    [Fact]
    public async Task CursorPagination_ReadsThreePagesInOrder_SendingEachCursor()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"items":[{"id":1},{"id":2}],"meta":{"next_cursor":"c2"}}""")
            .ThenJson("""{"items":[{"id":3}],"meta":{"next_cursor":"c 3&x"}}""")
            .ThenJson("""{"items":[{"id":4}],"meta":{"next_cursor":null}}""");
        var properties = new Dictionary<string, string>
        {
            ["path"] = "items?limit=2", ["recordsPath"] = "items", ["paginationType"] = "Cursor",
            ["cursorPath"] = "meta.next_cursor", ["cursorParameter"] = "after",
        };

        var batches = await _harness.ReadAllAsync(properties, Profile(server.BaseUrl));

        Assert.Equal("""{"id":1},{"id":2} | {"id":3} | {"id":4}""", Json(batches));
        Assert.Equal(
            ["/items?limit=2", "/items?limit=2&after=c2", "/items?limit=2&after=c%203%26x"],
            server.Received.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task CursorPagination_StopsOnEmptyOrMissingCursor()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"items":[{"id":1}],"next":42}""").ThenJson("""{"items":[{"id":2}],"next":""}""");
        var properties = new Dictionary<string, string>
        {
            ["path"] = "items", ["recordsPath"] = "items", ["paginationType"] = "Cursor", ["cursorPath"] = "next", ["cursorParameter"] = "cursor",
        };

        var batches = await _harness.ReadAllAsync(properties, Profile(server.BaseUrl));

        Assert.Equal("""{"id":1} | {"id":2}""", Json(batches));
        Assert.Equal(["/items", "/items?cursor=42"], server.Received.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task NextLinkPagination_FollowsRelativeAndAbsoluteLinks()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"records":[{"id":1}],"links":{"next":"page2?token=x"}}""")
            .ThenJson($$$"""{"records":[{"id":2}],"links":{"next":"{{{server.BaseUrl}}}/api/page3"}}""")
            .ThenJson("""{"records":[{"id":3}],"links":{}}""");
        var properties = new Dictionary<string, string>
        {
            ["path"] = "api/page1", ["recordsPath"] = "records", ["paginationType"] = "NextLink", ["nextLinkPath"] = "links.next",
        };

        var batches = await _harness.ReadAllAsync(properties, Profile(server.BaseUrl));

        Assert.Equal("""{"id":1} | {"id":2} | {"id":3}""", Json(batches));
        Assert.Equal(["/api/page1", "/api/page2?token=x", "/api/page3"], server.Received.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task NextLinkPagination_FollowsLinkHeader_WhenNoNextLinkPath()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""[{"id":1}]""", 200, ("Link", """</orders?page=1>; rel="prev", </orders?page=2>; rel="next last" """))
            .ThenJson("""[{"id":2}]""", 200, ("Link", """</orders?page=1>; rel="first" """))
            .ThenJson("""[{"id":3}]""");

        var batches = await _harness.ReadAllAsync(new Dictionary<string, string> { ["path"] = "orders", ["paginationType"] = "NextLink" }, Profile(server.BaseUrl));

        Assert.Equal("""{"id":1} | {"id":2}""", Json(batches));
        Assert.Equal(["/orders", "/orders?page=2"], server.Received.Select(request => request.PathAndQuery));
    }

    [Fact]
    public async Task NextLinkToAnotherHost_FailsWithoutFollowingIt()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"records":[{"id":1}],"next":"http://127.0.0.2:9/steal"}""");
        var properties = new Dictionary<string, string> { ["recordsPath"] = "records", ["paginationType"] = "NextLink", ["nextLinkPath"] = "next" };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(properties, Profile(server.BaseUrl + "/list")));

        Assert.Equal("Page 1 of GET /list: the next link leads to another host than the profile's baseUrl; it is not followed.", error.Message);
        Assert.Single(server.Received);
    }

    [Fact]
    public async Task RepeatedCursor_FailsAsPaginationThatDidNotAdvance()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"items":[{"id":1}],"next":"a"}""")
            .ThenJson("""{"items":[{"id":2}],"next":"b"}""")
            .ThenJson("""{"items":[{"id":3}],"next":"a"}""");
        var properties = new Dictionary<string, string>
        {
            ["path"] = "items", ["recordsPath"] = "items", ["paginationType"] = "Cursor", ["cursorPath"] = "next", ["cursorParameter"] = "cursor",
        };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(properties, Profile(server.BaseUrl)));

        Assert.Equal("Page 3 of GET /items: pagination did not advance (the server repeated an earlier cursor).", error.Message);
        Assert.Equal(3, server.Received.Count);
    }

    [Fact]
    public async Task RepeatedNextLink_FailsAsPaginationThatDidNotAdvance()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"items":[],"next":"items"}""");
        var properties = new Dictionary<string, string>
        {
            ["path"] = "items", ["recordsPath"] = "items", ["paginationType"] = "NextLink", ["nextLinkPath"] = "next",
        };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(properties, Profile(server.BaseUrl)));

        Assert.Equal("Page 1 of GET /items: pagination did not advance (the server repeated an earlier next link).", error.Message);
    }

    [Fact]
    public async Task NonObjectRecord_FailsNamingPageAndIndex()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"items":[{"id":1}],"next":"p2"}""").ThenJson("""{"items":[{"id":2},{"id":3},7]}""");
        var properties = new Dictionary<string, string>
        {
            ["path"] = "items", ["recordsPath"] = "items", ["paginationType"] = "Cursor", ["cursorPath"] = "next", ["cursorParameter"] = "page",
        };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(properties, Profile(server.BaseUrl)));

        Assert.Equal("Page 2 of GET /items: record 2 is not a JSON object.", error.Message);
    }

    [Fact]
    public async Task RecordsPathThatIsNotAnArray_Fails()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"data":{"items":{"id":1}}}""");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(
            new Dictionary<string, string> { ["path"] = "x", ["recordsPath"] = "data.items" }, Profile(server.BaseUrl)));

        Assert.Equal("Page 1 of GET /x: 'data.items' is not a JSON array.", error.Message);
    }

    [Fact]
    public async Task BodyThatIsNotJson_Fails()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("<html>oops</html>");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => _harness.ReadAllAsync(new Dictionary<string, string> { ["path"] = "x" }, Profile(server.BaseUrl)));

        Assert.Equal("Page 1 of GET /x: the response body is not JSON.", error.Message);
    }

    [Fact]
    public async Task MaxPages_StopsReadingAfterThatManyPages()
    {
        await using var server = await ScriptedHttpServer.StartAsync();
        server.ThenJson("""{"items":[{"id":1}],"next":"2"}""").ThenJson("""{"items":[{"id":2}],"next":"3"}""").ThenJson("""{"items":[{"id":3}]}""");
        var properties = new Dictionary<string, string>
        {
            ["recordsPath"] = "items", ["paginationType"] = "Cursor", ["cursorPath"] = "next", ["cursorParameter"] = "page", ["maxPages"] = "2",
        };

        var batches = await _harness.ReadAllAsync(properties, Profile(server.BaseUrl));

        Assert.Equal("""{"id":1} | {"id":2}""", Json(batches));
        Assert.Equal(2, server.Received.Count);
    }

    [Fact]
    public async Task MissingProfile_FailsSayingSo()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var _ in _harness.Connector.ReadAsync(Context(new Dictionary<string, string>(), null), CancellationToken.None))
            {
            }
        });

        Assert.Equal("The Http connector needs a connector profile: set connectorProfileName to a profile with a baseUrl.", error.Message);
    }
}
