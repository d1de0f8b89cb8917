using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Batches;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Streams a source's rows with one binary <c>COPY (SELECT …) TO STDOUT</c> inside a READ ONLY transaction, so
/// neither a table source nor a query can change the database; a query runs with a statement timeout, and the
/// COPY text that embeds it is first parsed by the server as exactly one statement. With an incremental pull
/// field, only rows with that field in [start, end) are read, in ascending order of it.
/// </summary>
internal static class PostgresRecordReader
{
    public static async IAsyncEnumerable<RecordBatch> ReadAsync(
        NpgsqlDataSource dataSource,
        PostgresSource source,
        TimeSpan queryTimeout,
        ConnectorRunContext context,
        int batchSize,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var closing = new QuietlyClosedConnection(connection);
        // A table's read is bounded by the table; a query can ask for unbounded work, which the timeout stops.
        await using var transaction = await ReadOnlyTransaction.BeginAsync(connection, source.Query is null ? null : queryTimeout, cancellationToken);
        var columns = await SourceColumn.DescribeAsync(connection, source, cancellationToken);
        var copy = CopySql(source, columns, context);
        // COPY goes out in the simple protocol, which runs every statement it is given: the same text is parsed first.
        await SingleStatement.DescribeAsync(connection, copy, reader => reader.FieldCount, cancellationToken);
        await using var exporter = await connection.BeginBinaryExportAsync(copy, cancellationToken);
        var names = columns.Select(column => column.Name).ToArray();
        var readers = NewBatch(columns, batchSize);
        long bytes = 0;
        var count = 0;
        while (await exporter.StartRowAsync(cancellationToken) != -1)
        {
            foreach (var reader in readers)
            {
                reader.Read(exporter, ref bytes);
            }

            if (++count == batchSize)
            {
                yield return Batch(names, readers, count, bytes);
                (readers, bytes, count) = (NewBatch(columns, batchSize), 0, 0);
            }
        }

        if (count > 0)
        {
            yield return Batch(names, readers, count, bytes);
        }
    }

    private static ColumnReader[] NewBatch(IReadOnlyList<SourceColumn> columns, int batchSize) =>
        [.. columns.Select(column => ColumnReader.Create(column.Kind, batchSize))];

    private static RecordBatch Batch(string[] names, ColumnReader[] readers, int count, long bytes) =>
        new(new ColumnBatch(names, [.. readers.Select(reader => reader.Column)], count), bytes);

    private static string CopySql(PostgresSource source, IReadOnlyList<SourceColumn> columns, ConnectorRunContext context)
    {
        var sql = new StringBuilder("COPY (SELECT ");
        sql.AppendJoin(", ", columns.Select(column => column.Kind == PostgresValueKind.Other
            ? $"q.{QualifiedName.Quote(column.Name)}::text"
            : $"q.{QualifiedName.Quote(column.Name)}"));
        sql.Append(" FROM ").Append(source.RelationSql).Append(" AS q");
        if (context.DatetimeTypeFieldName is { } field)
        {
            var column = columns.FirstOrDefault(column => column.Name == field)
                ?? throw new ConnectorFailure($"the incremental pull field '{field}' is not a column of {source.Description}.");
            if (!column.Kind.IsDateTime())
            {
                throw new ConnectorFailure($"the incremental pull field '{field}' must be a timestamptz, timestamp or date column.");
            }

            var quoted = $"q.{QualifiedName.Quote(field)}";
            var bounds = new List<string>();
            if (context.DataPullStart is { } start)
            {
                bounds.Add($"{quoted} >= {Literal(start)}");
            }

            if (context.DataPullEnd is { } end)
            {
                bounds.Add($"{quoted} < {Literal(end)}");
            }

            if (bounds.Count > 0)
            {
                sql.Append(" WHERE ").AppendJoin(" AND ", bounds);
            }

            sql.Append(" ORDER BY ").Append(quoted);
        }

        return sql.Append(") TO STDOUT (FORMAT BINARY)").ToString();
    }

    // COPY takes no parameters; the literal is made from a DateTimeOffset, never from user text.
    private static string Literal(DateTimeOffset moment) =>
        $"'{moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00'::timestamptz";
}
