using System.Collections.Immutable;
using System.Text.Json;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// The fields one file declares, as describe-connector-entity shows them: a CSV file's header (every field a
/// <c>String</c>, as the reader gives it), the first record of a JSON lines file (typed by its JSON kind:
/// <c>String</c>, <c>Number</c>, <c>Boolean</c>, <c>Object</c>, <c>Array</c> or <c>Null</c>), or a Parquet file's
/// schema (typed by the column's .NET type, such as <c>Int64</c>, <c>String</c> or <c>DateTime</c>, with <c>nullable</c>). Bad content is a <see cref="ConnectorException"/>.
/// </summary>
public static class FileFields
{
    private static readonly ImmutableSortedDictionary<string, string> NoProperties = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The fields of the file in <paramref name="stream"/> (seekable for Parquet), in the file's order; the stream is left open.</summary>
    public static async Task<ImmutableArray<ConnectorEntityField>> ReadAsync(
        Stream stream, string sourceName, FileType fileType, CancellationToken cancellationToken) => fileType switch
        {
            FileType.Csv => [.. (await CsvRecordReader.ReadHeaderAsync(stream)).Select(name => Field(name, "String", NoProperties))],
            FileType.Json => await FirstRecordFieldsAsync(stream, sourceName, cancellationToken),
            _ => [.. (await ParquetRecordReader.ReadSchemaAsync(stream, sourceName, cancellationToken)).Select(column => Field(
                column.Name,
                ParquetTypeName(column.ClrType),
                NoProperties.Add("nullable", column.IsNullable ? "true" : "false")))],
        };

    private static async Task<ImmutableArray<ConnectorEntityField>> FirstRecordFieldsAsync(Stream stream, string sourceName, CancellationToken cancellationToken)
    {
        await foreach (var record in JsonLinesRecordReader.ReadAsync(stream, sourceName, cancellationToken))
        {
            return [.. record.Select(field => Field(field.Key, KindName(field.Value?.GetValueKind() ?? JsonValueKind.Null), NoProperties))];
        }

        return [];
    }

    // Parquet.Net reads text and binary columns as memory; name them as what they hold.
    private static string ParquetTypeName(Type type) =>
        type == typeof(ReadOnlyMemory<char>) ? "String"
        : type == typeof(ReadOnlyMemory<byte>) || type == typeof(byte[]) ? "Binary"
        : type.Name;

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.True or JsonValueKind.False => "Boolean",
        _ => kind.ToString(),
    };

    private static ConnectorEntityField Field(string name, string fieldType, ImmutableSortedDictionary<string, string> properties) =>
        new(name, name, fieldType, IsPrimaryKey: false, properties);
}
