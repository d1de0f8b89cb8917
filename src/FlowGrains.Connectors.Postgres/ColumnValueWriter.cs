using System.Text.Json.Nodes;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Writes one record value into a binary COPY as the column's type (see <see cref="JsonScalars"/> for what
/// converts); json and jsonb columns take any JSON value as it is (a string stays a JSON string).
/// </summary>
internal static class ColumnValueWriter
{
    /// <summary>
    /// Converts <paramref name="node"/> (null writes NULL) and starts writing it; <paramref name="bytes"/> is roughly
    /// its size. A value that does not convert throws before anything is written. Not an async method, so a
    /// value costs no state machine of its own.
    /// </summary>
    public static Task WriteAsync(NpgsqlBinaryImporter importer, JsonNode? node, PostgresValueKind kind, out int bytes, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            bytes = 0;
            return importer.WriteNullAsync(cancellationToken);
        }

        var type = kind.DbType();
        switch (kind)
        {
            case PostgresValueKind.Smallint:
                bytes = 2;
                return importer.WriteAsync(checked((short)JsonScalars.ToInt64(node)), type, cancellationToken);
            case PostgresValueKind.Integer:
                bytes = 4;
                return importer.WriteAsync(checked((int)JsonScalars.ToInt64(node)), type, cancellationToken);
            case PostgresValueKind.Bigint:
                bytes = 8;
                return importer.WriteAsync(JsonScalars.ToInt64(node), type, cancellationToken);
            case PostgresValueKind.Real:
                bytes = 4;
                return importer.WriteAsync((float)JsonScalars.ToDouble(node), type, cancellationToken);
            case PostgresValueKind.Double:
                bytes = 8;
                return importer.WriteAsync(JsonScalars.ToDouble(node), type, cancellationToken);
            case PostgresValueKind.Numeric:
                bytes = 16;
                return importer.WriteAsync(JsonScalars.ToDecimal(node), type, cancellationToken);
            case PostgresValueKind.Boolean:
                bytes = 1;
                return importer.WriteAsync(JsonScalars.ToBoolean(node), type, cancellationToken);
            case PostgresValueKind.TimestampTz:
                bytes = 8;
                return importer.WriteAsync(JsonScalars.ToUtcDateTime(node), type, cancellationToken);
            case PostgresValueKind.Timestamp:
                // Sessions run in UTC, so a timestamp without time zone holds the UTC wall-clock time.
                bytes = 8;
                return importer.WriteAsync(DateTime.SpecifyKind(JsonScalars.ToUtcDateTime(node), DateTimeKind.Unspecified), type, cancellationToken);
            case PostgresValueKind.Date:
                bytes = 4;
                return importer.WriteAsync(JsonScalars.ToDate(node), type, cancellationToken);
            case PostgresValueKind.Uuid:
                bytes = 16;
                return importer.WriteAsync(JsonScalars.ToGuid(node), type, cancellationToken);
            case PostgresValueKind.Json:
            case PostgresValueKind.Jsonb:
                var json = node.ToJsonString();
                bytes = json.Length;
                return importer.WriteAsync(json, type, cancellationToken);
            case PostgresValueKind.Bytea:
                var data = JsonScalars.ToBytes(node);
                bytes = data.Length;
                return importer.WriteAsync(data, type, cancellationToken);
            default:
                var text = JsonScalars.ToText(node);
                bytes = text.Length;
                return importer.WriteAsync(text, type, cancellationToken);
        }
    }
}
