using System.Collections.Immutable;
using System.Diagnostics;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.Postgres.Schema;
using Npgsql;

namespace FlowGrains.Bench;

/// <summary>
/// The postgres profile's StartFlow cost: (f) durable starts per second against (g) raw single-row Npgsql
/// INSERTs at the same concurrency on the same server, and p50 start latency on a flow holding
/// (h) 100 against (i) many live tokens, and (m) durable starts per second on one flow under 32 callers.
/// Works in a fresh database it creates and drops.
/// </summary>
internal static class DurableStartBench
{
    private const int Workers = 64;
    private const int OneFlowWorkers = 32;
    private static readonly ImmutableSortedDictionary<string, string> NoParameters = ImmutableSortedDictionary<string, string>.Empty;

    public static Task RunAsync(string adminConnectionString, int liveTokens) =>
        ScratchDatabase.UseAsync(adminConnectionString, "flowgrains_bench", async database =>
        {
            // The silo and the raw inserts each get the same pool of 40 connections, so a default server (100) holds both.
            database.MaxPoolSize = 40;
            await SchemaMigrator.ApplyAsync(database.ConnectionString);
            await MeasureAsync(database.ConnectionString, liveTokens);
        });

    private static async Task MeasureAsync(string connectionString, int liveTokens)
    {
        var app = await DurableSilo.StartAsync(connectionString);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var nothing = new ConnectorConfig("Null", NoParameters);
        var names = Enumerable.Range(0, Workers).Select(i => $"durable-{i}").Concat(["few-tokens", "many-tokens", "one-flow"]).ToArray();
        foreach (var name in names)
        {
            await grains.GetFlowGrain(name).CreateFlowAsync(new CreateFlowRequest(
                new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), nothing, [nothing], []), NoParameters));
        }

        await ScratchDatabase.ExecuteAsync(connectionString, "CREATE TABLE bench_insert (id bigserial PRIMARY KEY, token text NOT NULL, payload bytea NOT NULL)");
        var payload = new byte[256];
        Random.Shared.NextBytes(payload);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        Task Insert(int worker, long i) => InsertAsync(dataSource, $"insert-{worker}-{i}", payload);
        Task Start(int worker, long i) => grains.GetFlowGrain(names[worker]).StartFlowAsync(new StartFlowRequest($"start-{worker}-{i}-{Guid.NewGuid():N}", NoParameters));

        var duration = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "5"));
        await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, TimeSpan.FromSeconds(2), Start);
        await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, TimeSpan.FromSeconds(2), Insert);
        var (starts, inserts) = (new List<double>(), new List<double>());
        for (var round = 0; round < 3; round++)
        {
            starts.Add(await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, duration, Start));
            inserts.Add(await LoadLoop.MeasureAsync(Workers, TimeSpan.Zero, duration, Insert));
        }

        var (start, insert) = (Median(starts), Median(inserts));
        Console.WriteLine($"FlowGrains durable benchmark: postgres profile, {Environment.ProcessorCount} cores, {Workers} concurrent callers, medians of 3 rounds of {duration.TotalSeconds}s");
        Console.WriteLine($"(f) IFlowGrain.StartFlowAsync, new token      {start,10:N0} starts/s");
        Console.WriteLine($"(g) Npgsql single-row INSERT, autocommit      {insert,10:N0} inserts/s");
        Console.WriteLine($"    ratio (f)/(g)                             {start / insert,10:F2}   goal >= 0.50");

        // (m) One flow under 32 callers: its starts interleave, so they share the silo's batched writes.
        var oneFlow = grains.GetFlowGrain("one-flow");
        Task StartOne(int worker, long i) => oneFlow.StartFlowAsync(new StartFlowRequest($"one-{worker}-{i}-{Guid.NewGuid():N}", NoParameters));
        await LoadLoop.MeasureAsync(OneFlowWorkers, TimeSpan.Zero, TimeSpan.FromSeconds(2), StartOne);
        var oneFlowRounds = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            oneFlowRounds.Add(await LoadLoop.MeasureAsync(OneFlowWorkers, TimeSpan.Zero, duration, StartOne));
        }

        Console.WriteLine($"(m) durable starts/s on ONE flow, {OneFlowWorkers} callers   {Median(oneFlowRounds),10:N0} starts/s   goal >= 2,000");

        var few = grains.GetFlowGrain("few-tokens");
        var many = grains.GetFlowGrain("many-tokens");
        var preload = Stopwatch.StartNew();
        await FillAsync(few, 100);
        await FillAsync(many, liveTokens);
        Console.WriteLine($"    ({liveTokens:N0} live tokens recorded on one flow in {preload.Elapsed.TotalSeconds:F0}s)");
        var (fewLatencies, manyLatencies) = (new List<double>(), new List<double>());
        for (var i = 0; i < 2_000; i++)
        {
            fewLatencies.Add(await TimeAsync(few, $"probe-{i}"));
            manyLatencies.Add(await TimeAsync(many, $"probe-{i}"));
        }

        var (p50Few, p50Many) = (Median(fewLatencies), Median(manyLatencies));
        Console.WriteLine($"(h) p50 StartFlow latency, 100 live tokens    {p50Few,10:F3} ms");
        Console.WriteLine($"(i) p50 StartFlow latency, {liveTokens,7:N0} tokens  {p50Many,10:F3} ms");
        Console.WriteLine($"    ratio (i)/(h)                             {p50Many / p50Few,10:F2}   goal <= 1.20");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await app.StopAsync();
    }

    private static async Task FillAsync(IFlowGrain flow, int tokens)
    {
        // Many callers at once: the flow's starts interleave and are written together.
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < tokens; i = Interlocked.Increment(ref next))
            {
                await flow.StartFlowAsync(new StartFlowRequest($"fill-{i}", NoParameters));
            }
        })));
    }

    private static async Task<double> TimeAsync(IFlowGrain flow, string token)
    {
        var clock = Stopwatch.StartNew();
        await flow.StartFlowAsync(new StartFlowRequest(token, NoParameters));
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task InsertAsync(NpgsqlDataSource dataSource, string token, byte[] payload)
    {
        await using var command = dataSource.CreateCommand("INSERT INTO bench_insert (token, payload) VALUES ($1, $2)");
        command.Parameters.AddWithValue(token);
        command.Parameters.AddWithValue(payload);
        await command.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
