using FlowGrains.Connectors.Batches;
using Npgsql;
using NpgsqlTypes;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Rows of a typed batch. A value whose column already holds the table column's type is written as it is; any
/// other goes through its record form and <see cref="ColumnValueWriter"/>, so both forms write the same.
/// </summary>
internal sealed class ColumnCopyRows(ColumnBatch batch) : ICopyRows
{
    private Column?[] _columns = [];

    public int Count => batch.Count;

    public bool Has(int row, string name) => batch.Find(name) is not null;

    public void Bind(IReadOnlyList<TableColumn> columns) => _columns = [.. columns.Select(column => batch.Find(column.Name))];

    public bool IsNull(int row, int column) => _columns[column] is not { } values || values.Nulls[batch.Row(row)];

    public Task WriteAsync(NpgsqlBinaryImporter importer, int row, int column, PostgresValueKind kind, out int bytes, CancellationToken cancellationToken)
    {
        var values = _columns[column];
        var at = batch.Row(row);
        switch (kind, values)
        {
            case (_, null):
            case (_, _) when values.Nulls[at]:
                bytes = 0;
                return importer.WriteNullAsync(cancellationToken);
            case (PostgresValueKind.Bigint, Column<long> longs):
                bytes = 8;
                return importer.WriteAsync(longs.Values[at], NpgsqlDbType.Bigint, cancellationToken);
            case (PostgresValueKind.Integer, Column<int> ints):
                bytes = 4;
                return importer.WriteAsync(ints.Values[at], NpgsqlDbType.Integer, cancellationToken);
            case (PostgresValueKind.Smallint, Column<short> shorts):
                bytes = 2;
                return importer.WriteAsync(shorts.Values[at], NpgsqlDbType.Smallint, cancellationToken);
            case (PostgresValueKind.Double, Column<double> doubles) when double.IsFinite(doubles.Values[at]):
                bytes = 8;
                return importer.WriteAsync(doubles.Values[at], NpgsqlDbType.Double, cancellationToken);
            case (PostgresValueKind.Numeric, Column<decimal> decimals):
                bytes = 16;
                return importer.WriteAsync(decimals.Values[at], NpgsqlDbType.Numeric, cancellationToken);
            case (PostgresValueKind.Boolean, Column<bool> flags):
                bytes = 1;
                return importer.WriteAsync(flags.Values[at], NpgsqlDbType.Boolean, cancellationToken);
            case (PostgresValueKind.Text, Column<string> texts) when !texts.HoldsTrees:
                bytes = texts.Values[at].Length;
                return importer.WriteAsync(texts.Values[at], NpgsqlDbType.Text, cancellationToken);
            // The record form is UTC text for both timestamp types; a timestamp without time zone holds UTC wall-clock time.
            case (PostgresValueKind.TimestampTz, Column<DateTime> moments):
                bytes = 8;
                return importer.WriteAsync(DateTime.SpecifyKind(moments.Values[at], DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
            case (PostgresValueKind.Timestamp, Column<DateTime> moments):
                bytes = 8;
                return importer.WriteAsync(DateTime.SpecifyKind(moments.Values[at], DateTimeKind.Unspecified), NpgsqlDbType.Timestamp, cancellationToken);
            case (PostgresValueKind.Date, Column<DateOnly> days):
                bytes = 4;
                return importer.WriteAsync(days.Values[at], NpgsqlDbType.Date, cancellationToken);
            case (PostgresValueKind.Uuid, Column<Guid> ids):
                bytes = 16;
                return importer.WriteAsync(ids.Values[at], NpgsqlDbType.Uuid, cancellationToken);
            default:
                return ColumnValueWriter.WriteAsync(importer, values.ToNode(at), kind, out bytes, cancellationToken);
        }
    }
}
