using System.Net;
using System.Text.Json.Nodes;
using FlowGrains.Host.Auth;
using FlowGrains.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FlowGrains.Host.Tests.Auth;

/// <summary>
/// With keys on, every operation the host routes, on both wires, the events endpoint and the dashboard, refuses a
/// request without a key: the route table is read, so an operation added later without a role fails here.
/// </summary>
[Collection(KeyedHostCollection.Name)]
public sealed class EverySurfaceNeedsAKeyTests(KeyedHostFixture fixture)
{
    // Open on purpose: probes of orchestrators and the API description carry no key. The console's files at
    // /console are open too, but as static-file middleware rather than routes, so they never appear here: they
    // hold no data, and every call the console makes is one of the routes checked below.
    private static readonly string[] OpenPrefixes = ["/health", "/openapi"];

    private IReadOnlyList<(string Method, string Route, RequiredRole? Role)> Routes() =>
    [
        .. fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), endpoint.Metadata.GetMetadata<RequiredRole>())))
            .Where(route => !OpenPrefixes.Any(route.Item2.StartsWith)),
    ];

    [Fact]
    public void EveryRoutedOperation_NamesTheRoleItNeeds()
    {
        var unguarded = Routes().Where(route => route.Role is null).Select(route => $"{route.Method} {route.Route}");

        Assert.Empty(unguarded);
    }

    [Fact]
    public async Task EveryRoutedOperation_WithoutAKey_IsRefusedInItsWiresShape()
    {
        var routes = Routes();
        Assert.Contains(routes, route => route.Route == "/aws/start-flow");
        Assert.Contains(routes, route => route.Route == "/flows/{flowName}/events");
        Assert.Contains(routes, route => route.Route.StartsWith("/dashboard", StringComparison.Ordinal));

        var accepted = new List<string>();
        foreach (var (method, route, _) in routes)
        {
            var path = route.Replace("{flowName}", "any").Replace("{**resourceArn}", "arn%3Aaws%3Aappflow%3Alocal%3A000000000000%3Aflow%2Fany");
            path = System.Text.RegularExpressions.Regex.Replace(path, @"\{[^}]*\}", "1");
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT")
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await fixture.Client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var refused = path.StartsWith("/aws/", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Forbidden
                    && response.Headers.GetValues("x-amzn-ErrorType").Single() == "MissingAuthenticationTokenException"
                : response.StatusCode == HttpStatusCode.Unauthorized
                    && (path.StartsWith("/dashboard", StringComparison.Ordinal)
                        || JsonNode.Parse(body)!["error"]!["code"]!.GetValue<string>() == "UNAUTHENTICATED");
            if (!refused)
            {
                accepted.Add($"{method} {path} -> {(int)response.StatusCode} {body}");
            }
        }

        Assert.Empty(accepted);
    }
}
