using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Limits;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// The file formats file-based connectors share: their AppFlow names, file extensions, readers over a
/// stream and writers onto a stream.
/// </summary>
public static class FileFormats
{
    /// <summary>The AppFlow names of the formats (<c>CSV</c>, <c>JSON</c>, <c>PARQUET</c>), as connectors list them.</summary>
    public static ImmutableArray<string> Names { get; } = ["CSV", "JSON", "PARQUET"];

    /// <summary>The format an AppFlow name (one of <see cref="Names"/>) stands for.</summary>
    public static FileType FromName(string name) => name switch
    {
        "CSV" => FileType.Csv,
        "JSON" => FileType.Json,
        "PARQUET" => FileType.Parquet,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a file type name"),
    };

    /// <summary>
    /// Whether a file of this name is input of <paramref name="fileType"/>: <c>.csv</c>; <c>.json</c> or
    /// <c>.jsonl</c>; <c>.parquet</c> (case-insensitive).
    /// </summary>
    public static bool IsInputFile(string fileName, FileType fileType)
    {
        var extension = Path.GetExtension(fileName);
        return fileType switch
        {
            FileType.Csv => extension.Equals(".csv", StringComparison.OrdinalIgnoreCase),
            FileType.Json => extension.Equals(".json", StringComparison.OrdinalIgnoreCase) || extension.Equals(".jsonl", StringComparison.OrdinalIgnoreCase),
            _ => extension.Equals(".parquet", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>The format a file of this name holds, by its extension (as <see cref="IsInputFile"/>); null when none.</summary>
    public static FileType? TypeOfFile(string fileName) =>
        Enum.GetValues<FileType>().Select(type => (FileType?)type).FirstOrDefault(type => IsInputFile(fileName, type!.Value));

    /// <summary>The extension output files of <paramref name="fileType"/> get: <c>.csv</c>, <c>.jsonl</c> or <c>.parquet</c>.</summary>
    public static string OutputExtension(FileType fileType) => fileType switch
    {
        FileType.Csv => ".csv",
        FileType.Json => ".jsonl",
        _ => ".parquet",
    };

    /// <summary>
    /// Reads the records of one file in batches of at most <paramref name="batchSize"/>, each with the bytes
    /// read to produce it; the stream is read forward only, except for Parquet, which needs a seekable stream.
    /// Bad content is a <see cref="ConnectorException"/> naming <paramref name="sourceName"/>, and content over
    /// one of <paramref name="limits"/> a <see cref="RunLimitExceededException"/>. The stream is left open.
    /// </summary>
    public static IAsyncEnumerable<RecordBatch> ReadAsync(
        Stream stream, string sourceName, FileType fileType, int batchSize, LimitsOptions limits, CancellationToken cancellationToken)
    {
        if (fileType == FileType.Parquet && !stream.CanSeek)
        {
            throw new ArgumentException("Parquet files are read from seekable streams only.", nameof(stream));
        }

        var counted = new CountingReadStream(stream, fileType == FileType.Parquet ? null : new LineLengthGuard(limits.MaxRecordBytes, sourceName));
        var records = fileType switch
        {
            FileType.Csv => CsvRecordReader.ReadAsync(counted, cancellationToken),
            FileType.Json => JsonLinesRecordReader.ReadAsync(counted, sourceName, cancellationToken),
            _ => ParquetRecordReader.ReadAsync(counted, sourceName, limits, cancellationToken),
        };
        return BatchAsync(records, counted, batchSize, cancellationToken);
    }

    /// <summary>A writer that encodes records in <paramref name="fileType"/> onto <paramref name="output"/> (seekable for Parquet).</summary>
    public static IRecordFormatWriter CreateFormatWriter(Stream output, FileType fileType) => fileType switch
    {
        FileType.Csv => new CsvFormatWriter(output),
        FileType.Json => new JsonLinesFormatWriter(output),
        _ => new ParquetFormatWriter(output),
    };

    /// <summary>The fields of <paramref name="records"/>, in order of first appearance.</summary>
    internal static List<string> FieldsInOrder(IReadOnlyList<JsonObject> records) =>
        records.SelectMany(record => record.Select(field => field.Key)).Distinct(StringComparer.Ordinal).ToList();

    private static async IAsyncEnumerable<RecordBatch> BatchAsync(
        IAsyncEnumerable<JsonObject> records, CountingReadStream stream, int batchSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var batch = new List<JsonObject>(batchSize);
        long reported = 0;
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            batch.Add(record);
            if (batch.Count == batchSize)
            {
                yield return new RecordBatch(batch, stream.BytesRead - reported);
                reported = stream.BytesRead;
                batch = new List<JsonObject>(batchSize);
            }
        }

        if (batch.Count > 0 || stream.BytesRead > reported)
        {
            yield return new RecordBatch(batch, stream.BytesRead - reported);
        }
    }
}
