using System.Text.Json.Nodes;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Writes one record value into a binary COPY as the column's type (see <see cref="JsonScalars"/> for what
/// converts); json and jsonb columns take any JSON value as it is (a string stays a JSON string).
/// </summary>
internal static class ColumnValueWriter
{
    /// <summary>Writes <paramref name="node"/> (null writes NULL) and returns roughly its size in bytes.</summary>
    public static async ValueTask<int> WriteAsync(NpgsqlBinaryImporter importer, JsonNode? node, PostgresValueKind kind, CancellationToken cancellationToken)
    {
        if (node is null)
        {
            await importer.WriteNullAsync(cancellationToken);
            return 0;
        }

        var type = kind.DbType();
        switch (kind)
        {
            case PostgresValueKind.Smallint:
                await importer.WriteAsync(checked((short)JsonScalars.ToInt64(node)), type, cancellationToken);
                return 2;
            case PostgresValueKind.Integer:
                await importer.WriteAsync(checked((int)JsonScalars.ToInt64(node)), type, cancellationToken);
                return 4;
            case PostgresValueKind.Bigint:
                await importer.WriteAsync(JsonScalars.ToInt64(node), type, cancellationToken);
                return 8;
            case PostgresValueKind.Real:
                await importer.WriteAsync((float)JsonScalars.ToDouble(node), type, cancellationToken);
                return 4;
            case PostgresValueKind.Double:
                await importer.WriteAsync(JsonScalars.ToDouble(node), type, cancellationToken);
                return 8;
            case PostgresValueKind.Numeric:
                await importer.WriteAsync(JsonScalars.ToDecimal(node), type, cancellationToken);
                return 16;
            case PostgresValueKind.Boolean:
                await importer.WriteAsync(JsonScalars.ToBoolean(node), type, cancellationToken);
                return 1;
            case PostgresValueKind.TimestampTz:
                await importer.WriteAsync(JsonScalars.ToUtcDateTime(node), type, cancellationToken);
                return 8;
            case PostgresValueKind.Timestamp:
                // Sessions run in UTC, so a timestamp without time zone holds the UTC wall-clock time.
                await importer.WriteAsync(DateTime.SpecifyKind(JsonScalars.ToUtcDateTime(node), DateTimeKind.Unspecified), type, cancellationToken);
                return 8;
            case PostgresValueKind.Date:
                await importer.WriteAsync(JsonScalars.ToDate(node), type, cancellationToken);
                return 4;
            case PostgresValueKind.Uuid:
                await importer.WriteAsync(JsonScalars.ToGuid(node), type, cancellationToken);
                return 16;
            case PostgresValueKind.Json:
            case PostgresValueKind.Jsonb:
                var json = node.ToJsonString();
                await importer.WriteAsync(json, type, cancellationToken);
                return json.Length;
            case PostgresValueKind.Bytea:
                var data = JsonScalars.ToBytes(node);
                await importer.WriteAsync(data, type, cancellationToken);
                return data.Length;
            default:
                var text = JsonScalars.ToText(node);
                await importer.WriteAsync(text, type, cancellationToken);
                return text.Length;
        }
    }
}
