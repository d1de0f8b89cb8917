using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using Parquet;
using Parquet.Schema;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// Writes records as a Parquet file, one row group per batch, so memory holds one batch at a time.
/// The schema is taken from the first batch: its fields in order of first appearance, each a nullable
/// column of the kind its values share (integer → INT64, number → DOUBLE, boolean → BOOLEAN; text, objects,
/// arrays, mixed kinds or nulls only → UTF-8 string, objects and arrays as their JSON text). A Parquet file
/// has one schema, so a later batch with a field the first batch lacked, or a value a column cannot hold
/// (text in an integer column), is refused whole with a <see cref="DestinationWriteException"/> naming the
/// field. Parquet cannot describe a file without columns, so a run with no records writes an empty (0-byte)
/// file, as CSV does; the readers here take such a file as no records.
/// </summary>
internal sealed class ParquetFormatWriter(Stream output) : IRecordFormatWriter
{
    private List<ParquetOutputColumn>? _columns;
    private ParquetWriter? _writer;

    public async ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return;
        }

        if (_columns is null)
        {
            _columns = [.. FileFormats.FieldsInOrder(records).Select(name => new ParquetOutputColumn(name, ParquetOutputColumn.Infer(name, records)))];
            _writer = await ParquetWriter.CreateAsync(new ParquetSchema(_columns.Select(column => column.Field)), output, cancellationToken: cancellationToken);
        }

        CheckBatch(records);
        using var rowGroup = _writer!.CreateRowGroup();
        foreach (var column in _columns)
        {
            await WriteColumnAsync(rowGroup, column, records, cancellationToken);
        }

        rowGroup.CompleteValidate();
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken)
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }

        await output.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }

    // Checked before any column is written, so a refused batch leaves no partial row group behind.
    private void CheckBatch(IReadOnlyList<JsonObject> records)
    {
        var columns = _columns!.ToDictionary(column => column.Name, StringComparer.Ordinal);
        for (var index = 0; index < records.Count; index++)
        {
            foreach (var (name, value) in records[index])
            {
                if (!columns.TryGetValue(name, out var column))
                {
                    throw new DestinationWriteException(
                        $"Parquet output: field '{name}' is not in the file's schema, which is taken from the first batch's fields.", records.Count);
                }

                if (value is not null && !column.Accepts(value))
                {
                    throw new DestinationWriteException(
                        $"Parquet output: field '{name}' of record {index + 1} in the batch is {ParquetOutputColumn.Describe(ParquetOutputColumn.KindOf(value))}, "
                        + $"but its column holds {ParquetOutputColumn.Describe(column.Kind)} (set by the first batch).",
                        records.Count);
                }
            }
        }
    }

    private static async Task WriteColumnAsync(
        ParquetRowGroupWriter rowGroup, ParquetOutputColumn column, IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        switch (column.Kind)
        {
            case ParquetValueKind.Integer:
                await rowGroup.WriteAsync<long>(column.Field, Values(records, column, column.AsInteger), cancellationToken: cancellationToken);
                break;
            case ParquetValueKind.Number:
                await rowGroup.WriteAsync<double>(column.Field, Values(records, column, column.AsNumber), cancellationToken: cancellationToken);
                break;
            case ParquetValueKind.Boolean:
                await rowGroup.WriteAsync<bool>(column.Field, Values(records, column, column.AsBoolean), cancellationToken: cancellationToken);
                break;
            default:
                // Parquet.Net takes nulls in a string column as missing values.
                var texts = records.Select(record => record[column.Name] is { } value ? column.AsText(value) : null).ToArray();
                await rowGroup.WriteAsync(column.Field, texts!);
                break;
        }
    }

    private static T?[] Values<T>(IReadOnlyList<JsonObject> records, ParquetOutputColumn column, Func<JsonNode, T> convert)
        where T : struct =>
        [.. records.Select(record => record[column.Name] is { } value ? convert(value) : (T?)null)];
}
