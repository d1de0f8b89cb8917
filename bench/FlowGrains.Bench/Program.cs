using System.Collections.Immutable;
using System.Text;
using FlowGrains.Bench;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Host.Apis;
using FlowGrains.Host.Hosting;

if (args is ["schedules", ..])
{
    await ScheduleScaleBench.RunAsync(
        flowCount: args.Length > 1 ? int.Parse(args[1]) : 10_000,
        minutes: args.Length > 2 ? int.Parse(args[2]) : 10);
    return;
}

if (args is ["schedules-realtime", var slotsConnectionString, ..])
{
    await RealTimeScheduleBench.RunAsync(
        slotsConnectionString,
        flowCount: args.Length > 2 ? int.Parse(args[2]) : 5_000,
        minutes: args.Length > 3 ? int.Parse(args[3]) : 3);
    return;
}

if (args is ["sigv4", ..])
{
    await SigV4Bench.RunAsync(
        TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "5")),
        int.Parse(Environment.GetEnvironmentVariable("BENCH_ROUNDS") ?? "5"));
    return;
}

if (args is ["pg-copy", var copyConnectionString, ..])
{
    await PgCopyBench.RunAsync(copyConnectionString, rows: args.Length > 2 ? int.Parse(args[2]) : 1_000_000);
    return;
}

if (args is ["postgres", var adminConnectionString, ..])
{
    await DurableStartBench.RunAsync(adminConnectionString, liveTokens: args.Length > 2 ? int.Parse(args[2]) : 100_000);
    return;
}

if (args is ["postgres-purge", var purgeConnectionString, ..])
{
    await PurgeLatencyBench.RunAsync(purgeConnectionString, expiredTokens: args.Length > 2 ? int.Parse(args[2]) : 1_000_000);
    return;
}

if (args is ["csv-jsonl", ..])
{
    await LocalFolderBench.RunAsync(rows: args.Length > 1 ? int.Parse(args[1]) : 1_000_000, rounds: args.Length > 2 ? int.Parse(args[2]) : 3);
    return;
}

if (args is ["parquet-pg", var parquetConnectionString, ..])
{
    await ParquetPgBench.RunAsync(parquetConnectionString, rows: args.Length > 2 ? int.Parse(args[2]) : 1_000_000, rounds: args.Length > 3 ? int.Parse(args[3]) : 3);
    return;
}

if (args is ["csv-parquet", ..])
{
    await CsvParquetBench.RunAsync(rows: args.Length > 1 ? int.Parse(args[1]) : 1_000_000, rounds: args.Length > 2 ? int.Parse(args[2]) : 3);
    return;
}

// The host exactly as Program.cs wires it, plus an empty endpoint and a connector that moves nothing.
var port = LoopbackPorts.Free();
var app = BenchFrontDoor.Build(BenchFrontDoor.CreateBuilder(port));
app.MapEventsApi();
app.MapPost("/empty", () => TypedResults.Ok(ApiEnvelope.Ok(new { })));
await app.StartAsync();

var grains = app.Services.GetRequiredService<IGrainFactory>();
const int flows = 64;
var names = Enumerable.Range(0, flows).Select(i => $"bench-{i}").ToArray();
var nothing = new ConnectorConfig("Null", ImmutableSortedDictionary<string, string>.Empty);
foreach (var name in names)
{
    await grains.GetFlowGrain(name).CreateFlowAsync(new CreateFlowRequest(
        new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), nothing, [nothing], []), ImmutableSortedDictionary<string, string>.Empty));
}

var warmUp = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_WARMUP_SECONDS") ?? "2"));
var duration = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "3"));
var rounds = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROUNDS") ?? "3");
const int httpWorkers = 200;
const int directWorkers = 200;
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = httpWorkers }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
var run = Guid.NewGuid().ToString("N")[..8];

async Task Post(string path, string json)
{
    using var content = new StringContent(json, Encoding.UTF8, "application/json");
    using var response = await http.PostAsync(path, content);
    response.EnsureSuccessStatusCode();
    await response.Content.ReadAsByteArrayAsync();
}

var useWrk = WrkLoad.IsAvailable() && Environment.GetEnvironmentVariable("BENCH_NO_WRK") != "1";
var baseUrl = $"http://127.0.0.1:{port}";
Func<int, long, Task> Http(string path, string script, Func<int, long, string> body) => useWrk
    ? (_, _) => throw new InvalidOperationException("measured by wrk")
    : (w, i) => Post(path, body(w, i));
var httpScripts = new Dictionary<string, (string Path, string Script)>
{
    ["b"] = ("/empty", WrkLoad.EmptyScript()),
    ["a"] = ("/start-flow", WrkLoad.StartScript(flows, run, replay: false)),
    ["e"] = ("/start-flow", WrkLoad.StartScript(flows, run, replay: true)),
};
var scenarios = new (string Key, int Workers, Func<int, long, Task> Operation)[]
{
    ("b", httpWorkers, Http("/empty", httpScripts["b"].Script, (w, i) => "{}")),
    ("a", httpWorkers, Http("/start-flow", httpScripts["a"].Script, (w, i) => $"{{\"flowName\":\"{names[(w + i) % flows]}\",\"clientToken\":\"h-{run}-{w}-{i}\"}}")),
    ("e", httpWorkers, Http("/start-flow", httpScripts["e"].Script, (w, i) => $"{{\"flowName\":\"{names[w % flows]}\",\"clientToken\":\"replay-{run}-{w}\"}}")),
    ("d", directWorkers, (w, i) => grains.GetGrain<IPingGrain>(names[(w + i) % flows]).PingAsync("x")),
    ("c", directWorkers, (w, i) => grains.GetFlowGrain(names[(w + i) % flows])
        .StartFlowAsync(new StartFlowRequest($"d-{run}-{w}-{i}-{Guid.NewGuid():N}", ImmutableSortedDictionary<string, string>.Empty))),
};

// BENCH_SCENARIOS=c,d runs only some scenarios, for profiling one path.
var only = Environment.GetEnvironmentVariable("BENCH_SCENARIOS")?.Split(',');
scenarios = only is null ? scenarios : scenarios.Where(s => only.Contains(s.Key)).ToArray();

Task<double> Measure((string Key, int Workers, Func<int, long, Task> Operation) scenario, TimeSpan length) =>
    useWrk && httpScripts.TryGetValue(scenario.Key, out var http)
        ? WrkLoad.MeasureAsync(baseUrl, http.Path, http.Script, httpWorkers, length)
        : LoadLoop.MeasureAsync(scenario.Workers, TimeSpan.Zero, length, scenario.Operation);

Console.WriteLine($"FlowGrains benchmark: {Environment.ProcessorCount} cores, {flows} OnDemand flows, in-memory profile, HTTP load from {(useWrk ? "wrk -t2 -c" + httpWorkers : "an in-process client (install wrk for a cheaper one)")};");
Console.WriteLine($"every scenario warmed up {warmUp.TotalSeconds}s, then {rounds} interleaved rounds of {duration.TotalSeconds}s; medians printed");
foreach (var scenario in scenarios)
{
    await Measure(scenario, warmUp);
}

var samples = scenarios.ToDictionary(s => s.Key, _ => new List<double>());
for (var round = 0; round < rounds; round++)
{
    foreach (var scenario in scenarios)
    {
        samples[scenario.Key].Add(await Measure(scenario, duration));
    }
}

double Median(string key) => samples.TryGetValue(key, out var values) ? values.Order().ElementAt(values.Count / 2) : double.NaN;
var (startHttp, empty, replayHttp, ping, startDirect) = (Median("a"), Median("b"), Median("e"), Median("d"), Median("c"));
Console.WriteLine($"(a) POST /start-flow, new token each     {startHttp,12:N0} req/s");
Console.WriteLine($"(b) POST /empty on the same host         {empty,12:N0} req/s");
Console.WriteLine($"    ratio (a)/(b)                        {startHttp / empty,12:F2}   goal >= 0.50");
Console.WriteLine($"(c) IFlowGrain.StartFlowAsync, new token {startDirect,12:N0} calls/s");
Console.WriteLine($"(d) trivial grain call                   {ping,12:N0} calls/s");
Console.WriteLine($"    ratio (c)/(d)                        {startDirect / ping,12:F2}   goal >= 0.10");
Console.WriteLine($"(e) POST /start-flow, replayed token     {replayHttp,12:N0} req/s   ({replayHttp / empty:F2} of (b))");

// Let the last background runs report before the silo stops, so shutdown is quiet.
await Task.Delay(TimeSpan.FromSeconds(2));
await app.StopAsync();

