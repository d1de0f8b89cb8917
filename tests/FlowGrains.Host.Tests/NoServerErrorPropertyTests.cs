using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using FlowGrains.Host.Tests.Fuzz;
using FlowGrains.Host.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace FlowGrains.Host.Tests;

/// <summary>
/// A seeded property test over every routed operation of both wires: bodies built from the host's OpenAPI
/// document and valid bodies mutated with hostile values. For each request: never a 5xx; a 4xx is the
/// wire's error shape (the envelope with a code, or x-amzn-ErrorType and a message); the host still
/// answers; and a rejected request changes nothing a caller can see of the resources it named.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class NoServerErrorPropertyTests(HostFixture fixture, ITestOutputHelper output)
{
    // Fixed for CI; FLOWGRAINS_FUZZ_SEED and FLOWGRAINS_FUZZ_CASES widen a local hunt.
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FLOWGRAINS_FUZZ_SEED"), out var seed) ? seed : 20_261_212;
    private static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("FLOWGRAINS_FUZZ_CASES"), out var cases) ? cases : 400;

    // Open on purpose, or served by Orleans' dashboard or OpenTelemetry's scrape (a GET that reads no body), not FlowGrains' handlers.
    private static readonly string[] NotFuzzed = ["/health", "/openapi", "/dashboard", "/metrics"];

    private IReadOnlyList<string> Routes() =>
    [
        .. fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => $"{method} /{endpoint.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(route => !NotFuzzed.Any(prefix => route.Split(' ')[1].StartsWith(prefix, StringComparison.Ordinal)))
            .Distinct(),
    ];

    [Fact]
    public void EveryRoutedOperation_HasASeedBody()
    {
        var routes = Routes();

        Assert.Contains("POST /aws/create-flow", routes);
        var unseeded = routes.Where(route => !FuzzSeeds.ByRoute.ContainsKey(route)).ToList();
        Assert.Empty(unseeded);
    }

    [Fact]
    public async Task AnyBody_OnEitherWire_IsNeverA5xx_AndARejectedOneChangesNothing()
    {
        output.WriteLine($"seed {Seed}, {Cases} cases");
        var random = new Random(Seed);
        var run = Api.NewName("fz")[..11];
        var flows = new[] { $"{run}-0", $"{run}-1" };
        var profiles = new[] { $"{run}-p0", $"{run}-p1" };
        await PrepareAsync(flows, profiles);
        var token = await ListingTokenAsync();
        var openApi = new OpenApiBodies(JsonNode.Parse(await fixture.Client.GetStringAsync("/openapi/v1.json"))!.AsObject());
        var schemaOperations = openApi.Operations();
        var routes = Routes();
        var failures = new List<string>();
        var outcomes = new Dictionary<string, int>();

        for (var i = 0; i < Cases && failures.Count < 20; i++)
        {
            var flow = flows[random.Next(flows.Length)];
            var profile = profiles[random.Next(profiles.Length)];
            string route;
            JsonNode? body;
            if (random.Next(3) == 0)
            {
                var (path, schema) = schemaOperations[random.Next(schemaOperations.Count)];
                route = "POST " + path;
                body = openApi.Body(schema, random, field => field switch
                {
                    "flowName" => flow,
                    "connectorProfileName" => profile,
                    "nextToken" => token,
                    _ => null,
                });
            }
            else
            {
                route = routes[random.Next(routes.Count)];
                var seeds = FuzzSeeds.ByRoute[route];
                var seed = FuzzSeeds.Body(seeds[random.Next(seeds.Length)], flow, profile, token);
                body = seed is null || random.Next(8) == 0 ? seed : HostileJson.Mutate(seed, random, FuzzSeeds.PropertyNames);
            }

            var before = await SnapshotAsync(flows, profiles);
            var (status, text, errorType) = await SendAsync(route, flow, body);
            var after = await SnapshotAsync(flows, profiles);

            var outcome = $"{route} {(int)status / 100}xx";
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            var problem = (int)status switch
            {
                >= 500 => "a server error",
                >= 400 when !IsErrorShape(route, text, errorType) => "a 4xx outside the wire's error shape",
                >= 400 when before != after => $"a rejected request that changed state:\n  before {before}\n  after  {after}",
                _ => null,
            };
            if (problem is not null)
            {
                failures.Add($"case {i} (seed {Seed}): {route} {body?.ToJsonString()} -> {(int)status} {errorType} {text}: {problem}");
            }
        }

        output.WriteLine(string.Join("\n", outcomes.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => $"{entry.Key}: {entry.Value}")));
        Assert.Empty(failures);
    }

    private async Task PrepareAsync(string[] flows, string[] profiles)
    {
        foreach (var flow in flows)
        {
            Directory.CreateDirectory(Path.Combine(fixture.DataRoot, flow, "in"));
            await File.WriteAllTextAsync(Path.Combine(fixture.DataRoot, flow, "in", "a.csv"), "id,name,amount\n1,ann,10\n");
        }

        var created = await SendAsync("POST /create-flow", flows[0], FuzzSeeds.Body(FuzzSeeds.ByRoute["POST /create-flow"][0], flows[0], profiles[0], ""));
        var profile = await SendAsync("POST /create-connector-profile", flows[0], FuzzSeeds.Body(FuzzSeeds.ByRoute["POST /create-connector-profile"][0], flows[0], profiles[0], ""));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (created.Status, profile.Status));
    }

    private async Task<string> ListingTokenAsync()
    {
        var (_, listed) = await fixture.Client.PostAsync("/list-flows", """{"maxResults":1}""");
        return listed.Data()["nextToken"]?.GetValue<string>() ?? "none";
    }

    private async Task<(HttpStatusCode Status, string Text, string? ErrorType)> SendAsync(string route, string flow, JsonNode? body)
    {
        var (method, pattern) = (route.Split(' ')[0], route.Split(' ')[1]);
        var path = pattern
            .Replace("{flowName}", Uri.EscapeDataString(flow))
            .Replace("{**resourceArn}", Uri.EscapeDataString(AwsApi.FlowArn(flow)) + (method == "DELETE" ? "?tagKeys=k" : ""));
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null || method == "POST")
        {
            request.Content = new StringContent(body?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
        }

        using var response = await fixture.Client.SendAsync(request);
        var errorType = response.Headers.TryGetValues(AwsApi.ErrorTypeHeader, out var values) ? string.Join(",", values) : null;
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), errorType);
    }

    private static bool IsErrorShape(string route, string text, string? errorType)
    {
        try
        {
            var body = JsonNode.Parse(text);
            return route.Split(' ')[1].StartsWith("/aws/", StringComparison.Ordinal)
                ? !string.IsNullOrEmpty(errorType) && body?["message"]?.GetValue<string>() is { Length: > 0 }
                : body?["success"]?.GetValue<bool>() == false && body["error"]?["code"]?.GetValue<string>() is { Length: > 0 };
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    // What a caller sees of the pool: each flow's description and tags and the profiles; a run finishing in the background is not a change.
    private async Task<string> SnapshotAsync(string[] flows, string[] profiles)
    {
        var parts = new List<string>();
        foreach (var flow in flows)
        {
            var (status, described) = await fixture.Client.PostAsync("/describe-flow", new { flowName = flow });
            Assert.True(status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"the host answers describe-flow after a fuzzed request ({status})");
            described["data"]?.AsObject().Remove("lastRunExecutionDetails");
            var (_, tags) = await fixture.Client.PostAsync("/list-tags-for-resource", new { resourceArn = AwsApi.FlowArn(flow) });
            parts.Add(described.ToJsonString() + tags.ToJsonString());
        }

        var (_, described2) = await fixture.Client.PostAsync("/describe-connector-profiles", new { connectorProfileNames = profiles });
        parts.Add(described2.ToJsonString());
        return string.Join("\n", parts);
    }
}
