using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace FlowGrains.Bench;

/// <summary>
/// LocalFolder CSV → JSON lines through the real FlowRunner, against a baseline that only parses the same
/// CSV with CsvHelper and writes JSON lines with System.Text.Json. Both run in this process, in turn.
/// </summary>
internal static class LocalFolderBench
{
    public static Task RunAsync(int rows, int rounds) => DataBench.InDataRootAsync(async (root, localFolder) =>
    {
        var input = Path.Combine(root, "in", "rows.csv");
        WriteInput(input, rows);
        Console.WriteLine($"LocalFolder CSV -> JSON lines, {rows:N0} rows ({new FileInfo(input).Length / 1_048_576.0:F1} MiB of CSV), {rounds} rounds each, alternating");
        var runner = DataBench.Runner(localFolder);
        var baseline = new List<DataBench.Sample>();
        var flow = new List<DataBench.Sample>();
        for (var round = 0; round < rounds; round++)
        {
            baseline.Add(await DataBench.MeasureAsync(rows, () => BaselineAsync(input, Path.Combine(root, "baseline.jsonl"))));
            flow.Add(await DataBench.MeasureAsync(rows, () => DataBench.RunFlowAsync(
                runner, DataBench.Folder("in", "CSV"), DataBench.Folder("out", "JSON"), [], $"run-{round}", rows)));
            File.Delete(Path.Combine(root, "out", $"run-{round}.jsonl"));
        }

        DataBench.Report("CsvHelper parse + Utf8JsonWriter", baseline, "LocalFolder -> LocalFolder", flow, 0.9);
    });

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

    /// <summary>Writes <paramref name="rows"/> rows of id, name, amount, created_at and active, with a header row.</summary>
    internal static void WriteInput(string path, int rows)
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
