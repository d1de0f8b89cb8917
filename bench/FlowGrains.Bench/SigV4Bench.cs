using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Host.Auth;

namespace FlowGrains.Bench;

/// <summary>
/// What checking SigV4 costs: <c>POST /start-flow</c> with a new token each, every request signed as an AWS
/// client signs it, against a host that verifies the signatures and against one with keys off (which
/// ignores them), in interleaved rounds of one run. Both hosts run in this process on the embedded profile.
/// </summary>
internal static class SigV4Bench
{
    private const string KeyId = "AKBENCHOPERATOR001";
    private const string Secret = "bench-operator-secret-0123456789";
    private const int Workers = 64;
    private const int Flows = 64;

    public static async Task RunAsync(TimeSpan duration, int rounds)
    {
        await using var verifying = await StartHostAsync(keysOn: true);
        await using var open = await StartHostAsync(keysOn: false);
        var run = Guid.NewGuid().ToString("N")[..8];
        using var toVerifying = Client(verifying);
        using var toOpen = Client(open);
        Func<int, long, Task> Start(HttpClient client, string label) => (worker, i) =>
            SignedStartAsync(client, $"bench-{(worker + i) % Flows}", $"{run}-{label}-{worker}-{i}");

        // Both paths warmed until the JIT has settled them; shorter warm-ups left the verifying path colder.
        await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, TimeSpan.FromSeconds(5), Start(toVerifying, "warm-v"));
        await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, TimeSpan.FromSeconds(5), Start(toOpen, "warm-o"));
        var (on, off) = (new List<double>(), new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            on.Add(await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, duration, Start(toVerifying, $"v{round}")));
            off.Add(await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, duration, Start(toOpen, $"o{round}")));
        }

        var (withChecks, without) = (Median(on), Median(off));
        Console.WriteLine($"SigV4 benchmark: embedded profile, {Environment.ProcessorCount} cores, {Workers} concurrent callers, medians of {rounds} rounds of {duration.TotalSeconds}s; every request signed");
        Console.WriteLine($"(j) POST /start-flow, keys on (SigV4 verified)   {withChecks,10:N0} req/s");
        Console.WriteLine($"(k) POST /start-flow, keys off (not verified)   {without,10:N0} req/s");
        Console.WriteLine($"    ratio (j)/(k)                               {withChecks / without,10:F2}   goal >= 0.80 (verification costs under 20 %)");
    }

    private static async Task<WebApplication> StartHostAsync(bool keysOn)
    {
        var builder = BenchFrontDoor.CreateBuilder(
            LoopbackPorts.Free(),
            keysOn
                ? ["--Orleans:ClusterId=sigv4-on", $"--FlowGrains:Auth:Keys:0:Id={KeyId}", $"--FlowGrains:Auth:Keys:0:Secret={Secret}", "--FlowGrains:Auth:Keys:0:Role=Operator"]
                : ["--Orleans:ClusterId=sigv4-off"]);
        var app = BenchFrontDoor.Build(builder);
        await app.StartAsync();
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var nothing = new ConnectorConfig("Null", ImmutableSortedDictionary<string, string>.Empty);
        for (var i = 0; i < Flows; i++)
        {
            await grains.GetFlowGrain($"bench-{i}").CreateFlowAsync(new CreateFlowRequest(
                new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), nothing, [nothing], []), ImmutableSortedDictionary<string, string>.Empty));
        }

        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = Workers }) { BaseAddress = new Uri(app.Urls.First()) };

    /// <summary>Signs and sends one start as an AWS SDK would: SigV4 over method, path, content type, host, time and the body's hash.</summary>
    private static async Task SignedStartAsync(HttpClient client, string flow, string token)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"flowName":"{{flow}}","clientToken":"{{token}}"}""");
        var amzDate = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var scope = new SigV4Authorization(KeyId, amzDate[..8], "us-east-1", "appflow", ["content-type", "host", "x-amz-date"], "");
        var host = client.BaseAddress!.Authority;
        var canonical = SigV4.CanonicalRequest(
            "POST", "/start-flow", "", name => name switch { "content-type" => "application/json", "host" => host, _ => amzDate }, scope.SignedHeaders,
            SigV4.Hex(SHA256.HashData(body)));
        var signature = SigV4.Signature(Secret, scope, SigV4.StringToSign(amzDate, scope, canonical));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/start-flow") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation(
            "Authorization", $"{SigV4.Algorithm} Credential={KeyId}/{amzDate[..8]}/us-east-1/appflow/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature={signature}");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
