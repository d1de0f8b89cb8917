using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Turns one binary COPY value into the JSON a record holds: integers, floating point and numeric as JSON
/// numbers, bool as true/false, text as strings, timestamptz and timestamp (taken as UTC) as ISO 8601 UTC
/// strings (<c>2024-05-01T12:00:00.25Z</c>), date as <c>yyyy-MM-dd</c>, uuid as its canonical string, json and
/// jsonb as parsed JSON, bytea as base64, NULL as JSON null; every other type arrives as its text form.
/// Non-finite floating point values (NaN, Infinity) become strings, as JSON has no numbers for them.
/// </summary>
internal static class ColumnValueReader
{
    /// <summary>Reads the next value of the row and adds roughly its size in bytes to <paramref name="bytes"/>.</summary>
    public static JsonNode? Read(NpgsqlBinaryExporter exporter, PostgresValueKind kind, ref long bytes)
    {
        if (exporter.IsNull)
        {
            exporter.Skip();
            return null;
        }

        switch (kind)
        {
            case PostgresValueKind.Smallint:
                bytes += 2;
                return JsonValue.Create(exporter.Read<short>(kind.DbType()));
            case PostgresValueKind.Integer:
                bytes += 4;
                return JsonValue.Create(exporter.Read<int>(kind.DbType()));
            case PostgresValueKind.Bigint:
                bytes += 8;
                return JsonValue.Create(exporter.Read<long>(kind.DbType()));
            case PostgresValueKind.Real:
                bytes += 4;
                return Number(exporter.Read<float>(kind.DbType()));
            case PostgresValueKind.Double:
                bytes += 8;
                return Number(exporter.Read<double>(kind.DbType()));
            case PostgresValueKind.Numeric:
                bytes += 16;
                return JsonValue.Create(exporter.Read<decimal>(kind.DbType()));
            case PostgresValueKind.Boolean:
                bytes += 1;
                return JsonValue.Create(exporter.Read<bool>(kind.DbType()));
            case PostgresValueKind.TimestampTz:
            case PostgresValueKind.Timestamp:
                bytes += 8;
                var timestamp = exporter.Read<DateTime>(kind.DbType());
                return JsonValue.Create(FormatUtc(timestamp));
            case PostgresValueKind.Date:
                bytes += 4;
                return JsonValue.Create(exporter.Read<DateOnly>(kind.DbType()).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            case PostgresValueKind.Uuid:
                bytes += 16;
                return JsonValue.Create(exporter.Read<Guid>(kind.DbType()).ToString("D"));
            case PostgresValueKind.Json:
            case PostgresValueKind.Jsonb:
                var json = exporter.Read<string>(kind.DbType());
                bytes += json.Length;
                return JsonNode.Parse(json);
            case PostgresValueKind.Bytea:
                var data = exporter.Read<byte[]>(kind.DbType());
                bytes += data.Length;
                return JsonValue.Create(Convert.ToBase64String(data));
            default:
                var text = exporter.Read<string>(kind.DbType());
                bytes += text.Length;
                return JsonValue.Create(text);
        }
    }

    private static readonly string[] FractionFormats = ["", "0", "00", "000", "0000", "00000", "000000", "0000000"];

    // The same text as the custom format yyyy-MM-ddTHH:mm:ss.FFFFFFFZ, built from the fast sortable format.
    private static string FormatUtc(DateTime timestamp)
    {
        var fraction = timestamp.Ticks % TimeSpan.TicksPerSecond;
        var digits = 7;
        while (fraction > 0 && fraction % 10 == 0)
        {
            (fraction, digits) = (fraction / 10, digits - 1);
        }

        return string.Create(fraction == 0 ? 20 : 21 + digits, (timestamp, fraction, digits), static (span, state) =>
        {
            state.timestamp.TryFormat(span, out _, "s", CultureInfo.InvariantCulture);
            if (state.fraction > 0)
            {
                span[19] = '.';
                state.fraction.TryFormat(span.Slice(20, state.digits), out _, FractionFormats[state.digits], CultureInfo.InvariantCulture);
            }

            span[^1] = 'Z';
        });
    }

    private static JsonValue Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));
}
