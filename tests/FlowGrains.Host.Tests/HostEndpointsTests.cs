using System.Net;
using FlowGrains.Host.Tests.Infrastructure;

namespace FlowGrains.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class HostEndpointsTests(HostFixture fixture)
{
    [Fact]
    public async Task OpenApiDocument_DescribesEveryOperation()
    {
        var document = await fixture.Client.GetStringAsync("/openapi/v1.json");

        foreach (var path in new[] { "/create-flow", "/update-flow", "/describe-flow", "/list-flows", "/delete-flow", "/start-flow", "/stop-flow", "/describe-flow-execution-records", "/cancel-flow-executions" })
        {
            Assert.Contains($"\"{path}\"", document);
        }
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheErrorEnvelopeOfEachOperation()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json"));

        var responses = document.RootElement.GetProperty("paths").GetProperty("/start-flow").GetProperty("post").GetProperty("responses");

        Assert.Equal(["200", "400", "401", "403", "404", "409", "500", "503"], responses.EnumerateObject().Select(r => r.Name).Order());
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheWaysToPresentAKey_AnyOfThem()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json"));

        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        var security = document.RootElement.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name);

        Assert.Equal(["basic", "key", "sigv4"], schemes.EnumerateObject().Select(s => s.Name).Order());
        Assert.Equal("bearer", schemes.GetProperty("key").GetProperty("scheme").GetString());
        Assert.Equal("Authorization", schemes.GetProperty("sigv4").GetProperty("name").GetString());
        Assert.Equal(["basic", "key", "sigv4"], security.Order());
    }

    [Fact]
    public async Task Dashboard_IsServedUnderItsPrefix()
    {
        using var response = await fixture.Client.GetAsync("/dashboard/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("text/html", response.Content.Headers.ContentType?.ToString());
    }
}
