using System.Globalization;
using System.Text.Json.Nodes;
using FlowGrains.Connectors.Batches;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Reads one source column's binary COPY values into a typed <see cref="Column"/>, unconverted. Their record form
/// (<see cref="Column.ToNode"/>): integers, floating point and numeric as JSON numbers, bool as true/false, text as
/// strings, timestamptz and timestamp (taken as UTC) as ISO 8601 UTC strings (<c>2024-05-01T12:00:00.25Z</c>), date
/// as <c>yyyy-MM-dd</c>, uuid as its canonical string, json and jsonb as parsed JSON, bytea as base64, NULL as JSON
/// null; every other type arrives as its text form. Non-finite floating point values (NaN, Infinity) become
/// strings, as JSON has no numbers for them.
/// </summary>
internal abstract class ColumnReader
{
    private const int NotText = -1;

    /// <summary>The column the values go to.</summary>
    public abstract Column Column { get; }

    /// <summary>Reads the next value of the row and adds roughly its size in bytes to <paramref name="bytes"/>.</summary>
    public abstract void Read(NpgsqlBinaryExporter exporter, ref long bytes);

    /// <summary>A reader of <paramref name="kind"/> values into a column of <paramref name="capacity"/> rows.</summary>
    public static ColumnReader Create(PostgresValueKind kind, int capacity) => kind switch
    {
        PostgresValueKind.Smallint => Of<short>(kind, capacity, 2, value => JsonValue.Create(value), _ => NotText),
        PostgresValueKind.Integer => Of<int>(kind, capacity, 4, value => JsonValue.Create(value), _ => NotText),
        PostgresValueKind.Bigint => Of<long>(kind, capacity, 8, value => JsonValue.Create(value), _ => NotText),
        PostgresValueKind.Real => Of<float>(kind, capacity, 4, value => Number(value), value => FiniteOrText(value)),
        PostgresValueKind.Double => Of<double>(kind, capacity, 8, Number, FiniteOrText),
        PostgresValueKind.Numeric => Of<decimal>(kind, capacity, 16, value => JsonValue.Create(value), _ => NotText),
        PostgresValueKind.Boolean => Of<bool>(kind, capacity, 1, value => JsonValue.Create(value), _ => NotText),
        PostgresValueKind.TimestampTz or PostgresValueKind.Timestamp =>
            Of<DateTime>(kind, capacity, 8, value => JsonValue.Create(UtcText.Format(value)), UtcText.Length),
        PostgresValueKind.Date => Of<DateOnly>(kind, capacity, 4, value => JsonValue.Create(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), _ => 10),
        PostgresValueKind.Uuid => Of<Guid>(kind, capacity, 16, value => JsonValue.Create(value.ToString("D")), _ => 36),
        PostgresValueKind.Json or PostgresValueKind.Jsonb => new Sized<string>(kind, new Column<string>(capacity, json => JsonNode.Parse(json), _ => NotText, holdsTrees: true), json => json.Length),
        PostgresValueKind.Bytea => new Sized<byte[]>(kind, new Column<byte[]>(capacity, data => JsonValue.Create(Convert.ToBase64String(data)), data => (data.Length + 2) / 3 * 4), data => data.Length),
        _ => new Sized<string>(kind, new Column<string>(capacity, text => JsonValue.Create(text), text => text.Length), text => text.Length),
    };

    private static Fixed<T> Of<T>(PostgresValueKind kind, int capacity, int size, Func<T, JsonNode?> toNode, Func<T, int> textLength) =>
        new(kind, new Column<T>(capacity, toNode, textLength), size);

    private static JsonValue Number(double value) =>
        double.IsFinite(value) ? JsonValue.Create(value) : JsonValue.Create(value.ToString(CultureInfo.InvariantCulture));

    private static int FiniteOrText(double value) => double.IsFinite(value) ? NotText : value.ToString(CultureInfo.InvariantCulture).Length;

    // Columns are read synchronously: they come from the buffer the row was just read into.
    private abstract class Typed<T>(PostgresValueKind kind, Column<T> column) : ColumnReader
    {
        private readonly NpgsqlTypes.NpgsqlDbType _type = kind.DbType();

        public override Column Column => column;

        public override void Read(NpgsqlBinaryExporter exporter, ref long bytes)
        {
            if (exporter.IsNull)
            {
                exporter.Skip();
                column.AddNull();
                return;
            }

            var value = exporter.Read<T>(_type);
            column.Add(value);
            bytes += SizeOf(value);
        }

        protected abstract int SizeOf(T value);
    }

    private sealed class Fixed<T>(PostgresValueKind kind, Column<T> column, int size) : Typed<T>(kind, column)
    {
        protected override int SizeOf(T value) => size;
    }

    private sealed class Sized<T>(PostgresValueKind kind, Column<T> column, Func<T, int> size) : Typed<T>(kind, column)
    {
        protected override int SizeOf(T value) => size(value);
    }
}
