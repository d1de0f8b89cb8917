using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Postgres;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Executions;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FlowGrains.Bench;

/// <summary>
/// The Postgres connector against PostgreSQL's own bulk path: (a) raw binary <c>COPY src TO STDOUT</c> piped into
/// <c>COPY dst FROM STDIN</c>, against (b) a FlowGrains run (the real <see cref="FlowRunner"/>) reading src with the
/// connector, applying a Filter and Maps, and inserting into dst with it. Works in a fresh database it creates and drops.
/// BENCH_PARTS=1 first times the connector's read alone and its write alone, for finding which side is slow.
/// </summary>
internal static class PgCopyBench
{
    private const string Columns = "id bigint, name text, amount numeric(12,2), created_at timestamptz, flag bool";
    private static readonly string[] Fields = ["id", "name", "amount", "created_at", "flag"];

    public static Task RunAsync(string adminConnectionString, int rows) =>
        ScratchDatabase.UseAsync(adminConnectionString, "flowgrains_copy", async database =>
        {
            var connectionString = database.ConnectionString;
            await ScratchDatabase.ExecuteAsync(connectionString, $"""
                CREATE TABLE src ({Columns});
                CREATE TABLE dst ({Columns});
                INSERT INTO src SELECT g, 'name-' || g, (g % 100000) / 100.0, timestamptz '2024-01-01' + g * interval '1 second', g % 2 = 0
                FROM generate_series(1, {rows}) g;
                """);
            await ScratchDatabase.ExecuteAsync(connectionString, "VACUUM ANALYZE src");
            await MeasureAsync(connectionString, rows);
        });

    private static async Task MeasureAsync(string connectionString, int rows)
    {
        await using var connector = new PostgresConnector(FlowGrains.Testing.LoopbackEgress.Policy());
        var runner = DataBench.Runner(new ProfiledConnector(connector, ProfiledConnector.Profile(connectionString)));
        if (Environment.GetEnvironmentVariable("BENCH_PARTS") == "1")
        {
            var context = new ConnectorRunContext("f", "e", new Dictionary<string, string> { ["object"] = "src" }, ImmutableSortedDictionary<string, string>.Empty, Profile: ProfiledConnector.Profile(connectionString));
            for (var i = 0; i < 3; i++)
            {
                var all = new List<IReadOnlyList<System.Text.Json.Nodes.JsonObject>>();
                var clock = Stopwatch.StartNew();
                await foreach (var batch in connector.ReadAsync(context, CancellationToken.None))
                {
                    all.Add(batch.Records);
                }

                Console.WriteLine($"read {rows / clock.Elapsed.TotalSeconds:N0} rows/s");
                await ScratchDatabase.ExecuteAsync(connectionString, "TRUNCATE dst");
                clock.Restart();
                await using (var writer = await connector.OpenWriterAsync(context with { Properties = new Dictionary<string, string> { ["object"] = "dst" } }, CancellationToken.None))
                {
                    foreach (var batch in all)
                    {
                        await writer.WriteAsync(batch, CancellationToken.None);
                    }
                }

                Console.WriteLine($"write {rows / clock.Elapsed.TotalSeconds:N0} rows/s");
            }
        }

        var (copies, flows) = (new List<double>(), new List<double>());
        for (var round = 0; round < 3; round++)
        {
            copies.Add(await TimedAsync(connectionString, rows, () => CopyAsync(connectionString)));
            flows.Add(await TimedAsync(connectionString, rows, () => FlowAsync(runner)));
        }

        var (copy, flow) = (copies.Max(), flows.Max());
        Console.WriteLine($"Postgres connector benchmark: {rows:N0} rows ({Columns}), {Environment.ProcessorCount} cores; best of 3 rounds");
        Console.WriteLine($"(a) raw binary COPY src -> dst            {copy,12:N0} rows/s   (rounds: {string.Join(", ", copies.Select(r => r.ToString("N0")))})");
        Console.WriteLine($"(b) FlowGrains run, Filter + 5 Maps        {flow,12:N0} rows/s   (rounds: {string.Join(", ", flows.Select(r => r.ToString("N0")))})");
        Console.WriteLine($"    ratio (b)/(a)                          {flow / copy,12:F2}   goal >= 0.50");
        // (a) moves bytes through one small buffer, so the process's peak is the FlowGrains run's (BENCH_PARTS holds every record, and raises it).
        Console.WriteLine($"    peak working set of the process        {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0,12:N0} MiB");
    }

    // Runs one transfer into an empty dst and checks that dst then holds exactly what src holds.
    private static async Task<double> TimedAsync(string connectionString, int rows, Func<Task> transfer)
    {
        await ScratchDatabase.ExecuteAsync(connectionString, "TRUNCATE dst");
        var clock = Stopwatch.StartNew();
        await transfer();
        var seconds = clock.Elapsed.TotalSeconds;
        await ScratchDatabase.CheckSameRowsAsync(connectionString, "src", "dst", rows);
        return rows / seconds;
    }

    private static async Task CopyAsync(string connectionString)
    {
        await using var reading = new NpgsqlConnection(connectionString);
        await using var writing = new NpgsqlConnection(connectionString);
        await Task.WhenAll(reading.OpenAsync(), writing.OpenAsync());
        await using var from = await reading.BeginRawBinaryCopyAsync("COPY src TO STDOUT (FORMAT BINARY)");
        await using var to = await writing.BeginRawBinaryCopyAsync("COPY dst FROM STDIN (FORMAT BINARY)");
        await from.CopyToAsync(to);
    }

    private static async Task FlowAsync(FlowRunner runner)
    {
        ImmutableSortedDictionary<string, string> Properties(params (string Key, string Value)[] entries) =>
            entries.ToImmutableSortedDictionary(entry => entry.Key, entry => entry.Value);
        var none = ImmutableSortedDictionary<string, string>.Empty;
        // A typed Filter that every row passes (so the row counts can be checked) and a Map of every field.
        var source = Properties((PostgresConnector.TypeName, "NO_OP"));
        var tasks = Fields.Select(field => new FlowTask("Map", [field], source, field, none))
            .Prepend(new FlowTask("Filter", ["amount"], Properties((PostgresConnector.TypeName, "GREATER_THAN_OR_EQUAL_TO")), null, Properties(("DATA_TYPE", "double"), ("VALUE", "0"))));
        var definition = new FlowDefinition(
            new TriggerConfig(TriggerType.OnDemand),
            new ConnectorConfig(PostgresConnector.TypeName, Properties(("object", "src"))),
            [new ConnectorConfig(PostgresConnector.TypeName, Properties(("object", "dst")))],
            [.. tasks]);
        var outcome = await runner.RunAsync(new RunSpec("copy", "bench", Guid.NewGuid().ToString("N"), definition, none), CancellationToken.None);
        if (outcome.Status != ExecutionStatus.Successful)
        {
            throw new InvalidOperationException($"The FlowGrains run ended {outcome.Status}: {outcome.Result.ErrorInfo?.ExecutionMessage}");
        }
    }
}
