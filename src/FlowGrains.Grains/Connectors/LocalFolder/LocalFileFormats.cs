using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsvHelper;

namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>Reading input files and creating output writers for the formats a LocalFolder supports.</summary>
internal static class LocalFileFormats
{
    public static bool IsInputFile(string file, LocalFileType fileType)
    {
        var extension = Path.GetExtension(file);
        return fileType == LocalFileType.Csv
            ? extension.Equals(".csv", StringComparison.OrdinalIgnoreCase)
            : extension.Equals(".json", StringComparison.OrdinalIgnoreCase) || extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase);
    }

    public static string OutputExtension(LocalFileType fileType) => fileType == LocalFileType.Csv ? ".csv" : ".jsonl";

    public static IRecordWriter CreateWriter(string finalPath, LocalFileType fileType) =>
        fileType == LocalFileType.Csv ? new CsvRecordWriter(finalPath) : new JsonLinesRecordWriter(finalPath);

    public static IAsyncEnumerable<RecordBatch> ReadAsync(string file, LocalFileType fileType, int batchSize, CancellationToken cancellationToken) =>
        fileType == LocalFileType.Csv
            ? ReadCsvAsync(file, batchSize, cancellationToken)
            : ReadJsonLinesAsync(file, batchSize, cancellationToken);

    private static async IAsyncEnumerable<RecordBatch> ReadCsvAsync(
        string file, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(file);
        using var reader = new StreamReader(stream);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        if (!await csv.ReadAsync() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            yield break;
        }

        var batch = new List<JsonObject>(batchSize);
        long reported = 0;
        while (await csv.ReadAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = new JsonObject();
            for (var i = 0; i < header.Length; i++)
            {
                record[header[i]] = csv.GetField(i);
            }

            batch.Add(record);
            if (batch.Count == batchSize)
            {
                yield return new RecordBatch(batch, stream.Position - reported);
                reported = stream.Position;
                batch = new List<JsonObject>(batchSize);
            }
        }

        yield return new RecordBatch(batch, stream.Length - reported);
    }

    private static async IAsyncEnumerable<RecordBatch> ReadJsonLinesAsync(
        string file, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var stream = OpenRead(file);
        using var reader = new StreamReader(stream);
        var batch = new List<JsonObject>(batchSize);
        long reported = 0;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            batch.Add(ParseObject(file, lineNumber, line));
            if (batch.Count == batchSize)
            {
                yield return new RecordBatch(batch, stream.Position - reported);
                reported = stream.Position;
                batch = new List<JsonObject>(batchSize);
            }
        }

        yield return new RecordBatch(batch, stream.Length - reported);
    }

    private static JsonObject ParseObject(string file, int lineNumber, string line)
    {
        try
        {
            return JsonNode.Parse(line) as JsonObject
                ?? throw new ConnectorException($"{Path.GetFileName(file)} line {lineNumber}: not a JSON object.");
        }
        catch (JsonException exception)
        {
            throw new ConnectorException($"{Path.GetFileName(file)} line {lineNumber}: invalid JSON.", exception);
        }
    }

    private static FileStream OpenRead(string file) =>
        new(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
}
