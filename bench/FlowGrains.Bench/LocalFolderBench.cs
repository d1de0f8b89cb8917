using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CsvHelper;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Executions;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Bench;

/// <summary>
/// LocalFolder CSV → JSON lines through the real FlowRunner, against a baseline that only parses the same
/// CSV with CsvHelper and writes JSON lines with System.Text.Json. Both run in this process, in turn.
/// </summary>
internal static class LocalFolderBench
{
    public static async Task RunAsync(int rows, int rounds)
    {
        var root = Directory.CreateTempSubdirectory("flowgrains-bench-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "in"));
            var input = Path.Combine(root, "in", "rows.csv");
            WriteInput(input, rows);
            Console.WriteLine($"LocalFolder CSV -> JSON lines, {rows:N0} rows ({new FileInfo(input).Length / 1_048_576.0:F1} MiB of CSV), {rounds} rounds each, alternating");

            var dataRoot = new DataRoot(Options.Create(new FlowGrainsOptions { DataRoot = root }));
            var runner = new FlowRunner(
                new ConnectorRegistry([new LocalFolderConnector(dataRoot)]),
                new ConnectorProfileResolver(null!, null!),
                TimeProvider.System,
                Options.Create(new FlowGrains.Connectors.Limits.LimitsOptions()),
                Options.Create(new FlowGrains.DataPlane.Executions.RunsOptions()),
                NullLogger<FlowRunner>.Instance);

            var baseline = new List<(double RowsPerSecond, long PeakBytes)>();
            var flow = new List<(double RowsPerSecond, long PeakBytes)>();
            for (var round = 0; round < rounds; round++)
            {
                baseline.Add(await MeasureAsync(rows, () => BaselineAsync(input, Path.Combine(root, "baseline.jsonl"))));
                flow.Add(await MeasureAsync(rows, async () =>
                {
                    var outcome = await runner.RunAsync(Spec(round), CancellationToken.None);
                    if (outcome.Status != ExecutionStatus.Successful || outcome.Result.RecordsProcessed != rows)
                    {
                        throw new InvalidOperationException($"The flow run ended {outcome.Status}: {outcome.Result.ErrorInfo?.ExecutionMessage}");
                    }
                }));
                File.Delete(Path.Combine(root, "out", $"run-{round}.jsonl"));
            }

            var baseRate = baseline.Max(r => r.RowsPerSecond);
            var flowRate = flow.Max(r => r.RowsPerSecond);
            Console.WriteLine($"  baseline (CsvHelper parse + Utf8JsonWriter): {baseRate,12:N0} rows/s  peak working set {baseline.Max(r => r.PeakBytes) / 1_048_576.0:F0} MiB");
            Console.WriteLine($"  FlowGrains run (LocalFolder -> LocalFolder):  {flowRate,12:N0} rows/s  peak working set {flow.Max(r => r.PeakBytes) / 1_048_576.0:F0} MiB");
            Console.WriteLine($"  ratio FlowGrains / baseline: {flowRate / baseRate:F2} (goal >= 0.70)");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static RunSpec Spec(int round)
    {
        static ConnectorConfig Folder(string path, string fileType) => new(
            LocalFolderConnector.TypeName,
            ImmutableSortedDictionary.CreateRange<string, string>(StringComparer.Ordinal, [new("path", path), new("fileType", fileType)]));
        var definition = new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), Folder("in", "CSV"), [Folder("out", "JSON")], []);
        return new RunSpec("bench", "bench", $"run-{round}", definition, ImmutableSortedDictionary<string, string>.Empty);
    }

    private static async Task<(double RowsPerSecond, long PeakBytes)> MeasureAsync(int rows, Func<Task> phase)
    {
        await using var memory = PeakMemorySampler.Start();
        var clock = Stopwatch.StartNew();
        await phase();
        return (rows / clock.Elapsed.TotalSeconds, memory.PeakBytes);
    }

    // As lean as these libraries allow: rows go to an in-memory buffer that is written out in 64 KiB chunks.
    private static async Task BaselineAsync(string input, string output)
    {
        using var reader = new StreamReader(input);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        await using var stream = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        var buffer = new ArrayBufferWriter<byte>(128 * 1024);
        await using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        await csv.ReadAsync();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        while (await csv.ReadAsync())
        {
            json.WriteStartObject();
            for (var i = 0; i < header.Length; i++)
            {
                json.WriteString(header[i], csv.GetField(i));
            }

            json.WriteEndObject();
            json.Flush();
            json.Reset();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (buffer.WrittenCount > 64 * 1024)
            {
                await stream.WriteAsync(buffer.WrittenMemory);
                buffer.ResetWrittenCount();
            }
        }

        await stream.WriteAsync(buffer.WrittenMemory);
    }

    private static void WriteInput(string path, int rows)
    {
        using var writer = new StreamWriter(path);
        writer.WriteLine("id,name,amount,created_at,active");
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < rows; i++)
        {
            writer.Write(i);
            writer.Write(",customer ");
            writer.Write(i % 9973);
            writer.Write(',');
            writer.Write((i * 0.37m).ToString("F2", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.Write(start.AddSeconds(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(i % 3 == 0 ? "true" : "false");
        }
    }
}
