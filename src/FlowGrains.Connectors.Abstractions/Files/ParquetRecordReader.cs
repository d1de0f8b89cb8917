using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Limits;
using Parquet;
using Parquet.Schema;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// Reads a Parquet file row group by row group (memory holds one row group's columns at a time). Only flat
/// files are read: every top-level field must be a non-repeated column. Numbers and booleans keep their
/// JSON kind; strings stay strings; dates and times become ISO 8601 strings, binary becomes base64, nulls
/// become JSON nulls. A row group's declared rows and bytes are checked against the limits before anything
/// of it is read, since the reader allocates what the file's footer declares.
/// </summary>
internal static class ParquetRecordReader
{
    public static async IAsyncEnumerable<JsonObject> ReadAsync(
        Stream stream, string sourceName, LimitsOptions limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (stream.Length == 0)
        {
            yield break;
        }

        await using var reader = await OpenAsync(stream, sourceName, cancellationToken);
        var fields = FlatFields(reader.Schema, sourceName);
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            var rows = CheckedRows(rowGroup, $"{sourceName} row group {group}", limits);
            var columns = new JsonNode?[fields.Count][];
            for (var column = 0; column < fields.Count; column++)
            {
                columns[column] = await ReadColumnAsync(rowGroup, fields[column], rows, sourceName, cancellationToken);
            }

            for (var row = 0; row < rows; row++)
            {
                var record = new JsonObject();
                for (var column = 0; column < fields.Count; column++)
                {
                    record[fields[column].Name] = columns[column][row];
                }

                yield return record;
            }
        }
    }

    private static int CheckedRows(ParquetRowGroupReader rowGroup, string where, LimitsOptions limits)
    {
        if (rowGroup.RowCount < 0 || rowGroup.RowCount > limits.MaxParquetRowGroupRows)
        {
            throw RunLimitExceededException.Of(
                $"{where} declares {rowGroup.RowCount.ToString("N0", CultureInfo.InvariantCulture)} rows, which",
                limits.MaxParquetRowGroupRows, "rows", nameof(LimitsOptions.MaxParquetRowGroupRows));
        }

        var bytes = rowGroup.RowGroup.TotalByteSize;
        if (bytes < 0 || bytes > limits.MaxParquetRowGroupBytes)
        {
            throw RunLimitExceededException.Of(
                $"{where} declares {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, which",
                limits.MaxParquetRowGroupBytes, "bytes", nameof(LimitsOptions.MaxParquetRowGroupBytes));
        }

        return (int)rowGroup.RowCount;
    }

    /// <summary>The file's columns; empty for an empty file.</summary>
    public static async Task<IReadOnlyList<DataField>> ReadSchemaAsync(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        if (stream.Length == 0)
        {
            return [];
        }

        await using var reader = await OpenAsync(stream, sourceName, cancellationToken);
        return FlatFields(reader.Schema, sourceName);
    }

    private static async Task<ParquetReader> OpenAsync(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        try
        {
            return await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken);
        }
        catch (IOException exception)
        {
            throw new ConnectorException($"{sourceName}: not a Parquet file.", exception);
        }
    }

    private static List<DataField> FlatFields(ParquetSchema schema, string sourceName) =>
        schema.Fields.Select(field => field is DataField { IsArray: false } data
                ? data
                : throw new ConnectorException($"{sourceName}: column '{field.Name}' is nested or repeated; only flat Parquet columns can be read."))
            .ToList();

    private static Task<JsonNode?[]> ReadColumnAsync(
        ParquetRowGroupReader rowGroup, DataField field, int rows, string sourceName, CancellationToken cancellationToken)
    {
        var type = field.ClrType;
        return type switch
        {
            _ when type == typeof(string) || type == typeof(ReadOnlyMemory<char>) => ReadStringsAsync(rowGroup, field, rows, cancellationToken),
            _ when type == typeof(byte[]) || type == typeof(ReadOnlyMemory<byte>) => ReadBinaryAsync(rowGroup, field, rows, cancellationToken),
            _ when type == typeof(bool) => ReadValuesAsync<bool>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(sbyte) => ReadValuesAsync<sbyte>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(byte) => ReadValuesAsync<byte>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(short) => ReadValuesAsync<short>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(ushort) => ReadValuesAsync<ushort>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(int) => ReadValuesAsync<int>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(uint) => ReadValuesAsync<uint>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(long) => ReadValuesAsync<long>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(ulong) => ReadValuesAsync<ulong>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(float) => ReadValuesAsync<float>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(double) => ReadValuesAsync<double>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(decimal) => ReadValuesAsync<decimal>(rowGroup, field, rows, value => JsonValue.Create(value), cancellationToken),
            _ when type == typeof(DateTime) => ReadValuesAsync<DateTime>(rowGroup, field, rows, value => Text(value.ToString("O", CultureInfo.InvariantCulture)), cancellationToken),
            _ when type == typeof(DateTimeOffset) => ReadValuesAsync<DateTimeOffset>(rowGroup, field, rows, value => Text(value.ToString("O", CultureInfo.InvariantCulture)), cancellationToken),
            _ when type == typeof(DateOnly) => ReadValuesAsync<DateOnly>(rowGroup, field, rows, value => Text(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), cancellationToken),
            _ when type == typeof(TimeOnly) => ReadValuesAsync<TimeOnly>(rowGroup, field, rows, value => Text(value.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)), cancellationToken),
            _ when type == typeof(TimeSpan) => ReadValuesAsync<TimeSpan>(rowGroup, field, rows, value => Text(value.ToString("c", CultureInfo.InvariantCulture)), cancellationToken),
            _ when type == typeof(Guid) => ReadValuesAsync<Guid>(rowGroup, field, rows, value => Text(value.ToString()), cancellationToken),
            _ => throw new ConnectorException($"{sourceName}: column '{field.Name}' has Parquet type {type.Name}, which cannot be read."),
        };
    }

    private static JsonNode Text(string value) => JsonValue.Create(value);

    private static async Task<JsonNode?[]> ReadValuesAsync<T>(
        ParquetRowGroupReader rowGroup, DataField field, int rows, Func<T, JsonNode> convert, CancellationToken cancellationToken)
        where T : struct
    {
        var result = new JsonNode?[rows];
        if (field.IsNullable)
        {
            var values = new T?[rows];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            for (var row = 0; row < rows; row++)
            {
                result[row] = values[row] is { } value ? convert(value) : null;
            }
        }
        else
        {
            var values = new T[rows];
            await rowGroup.ReadAsync<T>(field, values.AsMemory(), null, cancellationToken);
            for (var row = 0; row < rows; row++)
            {
                result[row] = convert(values[row]);
            }
        }

        return result;
    }

    private static async Task<JsonNode?[]> ReadStringsAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new string?[rows];
        await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return [.. values.Select(value => value is null ? null : Text(value))];
    }

    private static async Task<JsonNode?[]> ReadBinaryAsync(ParquetRowGroupReader rowGroup, DataField field, int rows, CancellationToken cancellationToken)
    {
        var values = new byte[]?[rows];
        await rowGroup.ReadAsync(field, values.AsMemory(), null, cancellationToken);
        return [.. values.Select(value => value is null ? null : Text(Convert.ToBase64String(value)))];
    }
}
