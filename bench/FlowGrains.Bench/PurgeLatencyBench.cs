using System.Collections.Immutable;
using System.Diagnostics;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.Grains.Ledger;
using FlowGrains.Grains.Ledger.Retention;
using FlowGrains.Postgres.Schema;
using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Bench;

/// <summary>
/// What the ledger's retention costs starts: p99 start latency of 32 callers (j) idle, against (k) while
/// <see cref="ILedgerRetentionGrain.PurgeNowAsync"/> deletes a million expired tokens COPYed straight into
/// flowgrains_tokens; (l) idle again afterwards. Works in a fresh database it creates and drops.
/// Starts are <see cref="IFlowGrain.StartFlowAsync"/> calls, which write through the ledger; BENCH_PURGE_STARTS=store
/// times <see cref="IFlowLedgerStore.StartRunAsync"/> alone.
/// </summary>
internal static class PurgeLatencyBench
{
    private const int Workers = 32;
    private static readonly ImmutableSortedDictionary<string, string> NoParameters = ImmutableSortedDictionary<string, string>.Empty;

    public static Task RunAsync(string adminConnectionString, int expiredTokens) =>
        ScratchDatabase.UseAsync(adminConnectionString, "flowgrains_purge", async database =>
        {
            database.MaxPoolSize = 40;
            await SchemaMigrator.ApplyAsync(database.ConnectionString);
            await MeasureAsync(database.ConnectionString, expiredTokens);
        });

    private static async Task MeasureAsync(string connectionString, int expiredTokens)
    {
        var app = await DurableSilo.StartAsync(connectionString);
        var grains = app.Services.GetRequiredService<IGrainFactory>();
        var store = app.Services.GetRequiredService<IFlowLedgerStore>();
        var throughGrain = Environment.GetEnvironmentVariable("BENCH_PURGE_STARTS") != "store";
        var start = throughGrain ? await GrainStartsAsync(grains) : StoreStarts(store);
        if (store is InMemoryFlowLedgerStore)
        {
            Console.WriteLine("WARNING: the postgres profile's ledger is still the in-memory store, so nothing below touches flowgrains_tokens' purge; the figures are not the measure.");
        }

        var load = Stopwatch.StartNew();
        await CopyExpiredTokensAsync(connectionString, expiredTokens);
        await ScratchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE flowgrains_tokens");
        Console.WriteLine($"    ({expiredTokens:N0} expired tokens COPYed into flowgrains_tokens in {load.Elapsed.TotalSeconds:F0}s)");

        var duration = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("BENCH_SECONDS") ?? "10"));
        await TimedAsync(TimeSpan.FromSeconds(2), start);
        var idle = await TimedAsync(duration, start);

        using var purging = new CancellationTokenSource();
        var during = LatencyLoop.RunAsync(Workers, purging.Token, start);
        var clock = Stopwatch.StartNew();
        var (tokens, runs, calls) = (0L, 0L, 0);
        for (var caughtUp = false; !caughtUp; calls++)
        {
            var purge = await grains.GetGrain<ILedgerRetentionGrain>(ILedgerRetentionGrain.Key).PurgeNowAsync();
            (tokens, runs, caughtUp) = (tokens + purge.Tokens, runs + purge.Runs, purge.CaughtUp);
        }

        var purgeTime = clock.Elapsed;
        await purging.CancelAsync();
        var busy = await during;
        var after = await TimedAsync(duration, start);
        var left = await CountExpiredAsync(connectionString);

        var (p99Idle, p99Busy, p99After) = (P99(idle), P99(busy), P99(after));
        Console.WriteLine($"FlowGrains retention benchmark: postgres profile, {Environment.ProcessorCount} cores, {Workers} callers of {(throughGrain ? "IFlowGrain.StartFlowAsync" : "IFlowLedgerStore.StartRunAsync")} ({store.GetType().Name})");
        Console.WriteLine($"    purge: {tokens:N0} tokens and {runs:N0} runs in {purgeTime.TotalSeconds:F1}s ({tokens / purgeTime.TotalSeconds:N0} tokens/s, {calls} PurgeNow calls); {left:N0} expired tokens left");
        Console.WriteLine($"(j) p99 start latency, idle                   {p99Idle,10:F3} ms   ({idle.Count:N0} starts in {duration.TotalSeconds}s)");
        Console.WriteLine($"(k) p99 start latency, while purging          {p99Busy,10:F3} ms   ({busy.Count:N0} starts in {purgeTime.TotalSeconds:F1}s)");
        Console.WriteLine($"    ratio (k)/(j)                             {p99Busy / p99Idle,10:F2}   goal <= 2");
        Console.WriteLine($"(l) p99 start latency, idle again             {p99After,10:F3} ms");
        await app.StopAsync();
    }

    private static Func<int, long, Task> StoreStarts(IFlowLedgerStore store) => (worker, i) =>
    {
        var now = TimeProvider.System.GetUtcNow();
        var executionId = Guid.NewGuid().ToString("N");
        var run = new LedgerRun(new ExecutionRecord(executionId, ExecutionStatus.InProgress, now, now, ExecutionResult.Empty), null, "bench");
        var token = new LedgerToken(TokenOperations.Start, LedgerToken.Hash($"start-{worker}-{i}-{executionId}"), "bench", now, executionId);
        return store.StartRunAsync(new RunStart(new FlowLife($"busy-{worker}", "bench"), run, token), now);
    };

    private static async Task<Func<int, long, Task>> GrainStartsAsync(IGrainFactory grains)
    {
        var nothing = new ConnectorConfig("Null", NoParameters);
        for (var worker = 0; worker < Workers; worker++)
        {
            await grains.GetFlowGrain($"busy-{worker}").CreateFlowAsync(new CreateFlowRequest(
                new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), nothing, [nothing], []), NoParameters));
        }

        return (worker, i) => grains.GetFlowGrain($"busy-{worker}").StartFlowAsync(new StartFlowRequest($"start-{worker}-{i}-{Guid.NewGuid():N}", NoParameters));
    }

    private static async Task<List<double>> TimedAsync(TimeSpan duration, Func<int, long, Task> start)
    {
        using var stop = new CancellationTokenSource(duration);
        return await LatencyLoop.RunAsync(Workers, stop.Token, start);
    }

    // Tokens of a thousand idle flows, accepted 9 to 10 hours ago, so every one expired an hour or more ago.
    private static async Task CopyExpiredTokensAsync(string connectionString, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var outcome = new byte[32];
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            "COPY flowgrains_tokens (flow_name, incarnation, operation, token_hash, fingerprint, accepted_at, expires_at, outcome) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var acceptedAt = now - TimeSpan.FromHours(9) - TimeSpan.FromMilliseconds(i % 3_600_000);
            await import.StartRowAsync();
            await import.WriteAsync($"idle-{i % 1_000}", NpgsqlDbType.Text);
            await import.WriteAsync("bench", NpgsqlDbType.Text);
            await import.WriteAsync(TokenOperations.Start, NpgsqlDbType.Text);
            await import.WriteAsync(LedgerToken.Hash($"expired-{i}"), NpgsqlDbType.Text);
            await import.WriteAsync("bench", NpgsqlDbType.Text);
            await import.WriteAsync(acceptedAt, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(acceptedAt + LedgerToken.Lifetime, NpgsqlDbType.TimestampTz);
            await import.WriteAsync(outcome, NpgsqlDbType.Bytea);
        }

        await import.CompleteAsync();
    }

    private static async Task<long> CountExpiredAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM flowgrains_tokens WHERE expires_at <= now()", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static double P99(List<double> latencies) => LatencyLoop.Percentile(latencies, 0.99);
}
