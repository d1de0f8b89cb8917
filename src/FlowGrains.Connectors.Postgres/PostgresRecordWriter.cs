using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Batches;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Writes a run's batches to one table over one connection, each batch in its own transaction. INSERT copies
/// the batch straight into the table with binary COPY; UPSERT, UPDATE and DELETE (and INSERTs touching columns
/// of types without a binary conversion here) copy it into a temporary staging table and apply it with one
/// statement. Only the record fields that are columns of the table are written; other fields are ignored.
/// A field a record lacks is left alone: the column's default on insert, its stored value on update (a field
/// that is present and null writes NULL).
/// </summary>
internal sealed class PostgresRecordWriter : IRecordWriter
{
    private readonly NpgsqlConnection _connection;
    private readonly PostgresDestination _destination;
    private readonly PostgresEndpoint _endpoint;
    private readonly IReadOnlyList<TableColumn> _columns;
    private readonly BatchStatements _statements;
    private readonly bool[] _isId;
    private bool _stagingCreated;
    private long _bytesWritten;

    private PostgresRecordWriter(NpgsqlConnection connection, PostgresDestination destination, PostgresEndpoint endpoint, IReadOnlyList<TableColumn> columns)
    {
        _connection = connection;
        _destination = destination;
        _endpoint = endpoint;
        _columns = columns;
        _statements = new BatchStatements(destination.Table, destination.IdFieldNames);
        _isId = [.. columns.Select(column => destination.IdFieldNames.Contains(column.Name, StringComparer.Ordinal))];
    }

    /// <inheritdoc />
    public bool CommitsEachBatch => true;

    /// <summary>Connects and looks up the table's columns; fails when the table or an id column does not exist.</summary>
    public static async Task<PostgresRecordWriter> OpenAsync(
        NpgsqlDataSource dataSource, PostgresDestination destination, PostgresEndpoint endpoint, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var columns = await TableColumn.ListAsync(connection, destination.Table, cancellationToken);
            if (columns.Count == 0)
            {
                throw new ConnectorFailure($"table {destination.Table.Sql} does not exist (or has no columns this connection can see).");
            }

            if (columns.Any(column => column.Name == BatchStatements.Ordinal))
            {
                throw new ConnectorFailure($"table {destination.Table.Sql} has a column named {BatchStatements.Ordinal}, which the connector needs for itself.");
            }

            foreach (var id in destination.IdFieldNames.Where(id => columns.All(column => column.Name != id)))
            {
                throw new ConnectorFailure($"the id field '{id}' is not a column of table {destination.Table.Sql}.");
            }

            return new PostgresRecordWriter(connection, destination, endpoint, columns);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) =>
        WriteAsync(new JsonCopyRows(records), cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteAsync(ColumnBatch batch, CancellationToken cancellationToken) =>
        WriteAsync(new ColumnCopyRows(batch), cancellationToken);

    private async ValueTask WriteAsync(ICopyRows records, CancellationToken cancellationToken)
    {
        try
        {
            var segments = Segments(records);
            if (!_stagingCreated && segments.Any(segment => segment.Staged))
            {
                await ExecuteAsync(BatchStatements.CreateStaging(_columns), cancellationToken);
                _stagingCreated = true;
            }

            await using var transaction = await _connection.BeginTransactionAsync(cancellationToken);
            long bytes = 0;
            for (var index = 0; index < segments.Count; index++)
            {
                var segment = segments[index];
                if (segment.Staged && index > 0)
                {
                    await ExecuteAsync($"TRUNCATE {BatchStatements.StagingTable}", cancellationToken);
                }

                bytes += await CopyAsync(records, segment, cancellationToken);
                if (segment.Staged && _statements.Apply(_destination.Operation, segment.Columns) is { } apply)
                {
                    await ExecuteAsync(apply, cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            _bytesWritten += bytes;
        }
        catch (Exception exception) when (PostgresEndpoint.IsKnownFailure(exception))
        {
            throw new DestinationWriteException(_endpoint.Describe($"writing to table {_destination.Table.Sql}", exception), records.Count, exception);
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_bytesWritten);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    // Consecutive records that have the same table columns go in one statement, so a field a record lacks is
    // left alone (its default on insert, its stored value on update) rather than set to NULL; records keep
    // their order. Typical batches, whose records all have the same fields, are one segment.
    private List<BatchSegment> Segments(ICopyRows records)
    {
        var segments = new List<BatchSegment>();
        var present = new bool[_columns.Count];
        for (var row = 0; row < records.Count; row++)
        {
            for (var index = 0; index < _columns.Count; index++)
            {
                present[index] = _isId[index] || (_destination.Operation != WriteOperation.Delete && records.Has(row, _columns[index].Name));
            }

            if (segments.Count > 0 && segments[^1].Has(present))
            {
                segments[^1].Count++;
                continue;
            }

            var columns = _columns.Where((_, index) => present[index]).ToList();
            if (columns.Count == 0)
            {
                throw new ConnectorFailure($"record {row + 1} of the batch has no field that is a column of table {_destination.Table.Sql}.");
            }

            var staged = _destination.Operation != WriteOperation.Insert || columns.Any(column => column.Kind == PostgresValueKind.Other);
            segments.Add(new BatchSegment(row, [.. present], columns, staged));
        }

        return segments;
    }

    private async Task<long> CopyAsync(ICopyRows records, BatchSegment segment, CancellationToken cancellationToken)
    {
        var (columns, staged) = (segment.Columns, segment.Staged);
        var target = staged ? BatchStatements.StagingTable : _destination.Table.Sql;
        var names = string.Join(", ", columns.Select(column => QualifiedName.Quote(column.Name)).Concat(staged ? [BatchStatements.Ordinal] : []));
        var kinds = columns.Select(column => staged && column.Kind == PostgresValueKind.Other ? PostgresValueKind.Text : column.Kind).ToArray();
        var ids = columns.Select(column => _destination.IdFieldNames.Contains(column.Name, StringComparer.Ordinal)).ToArray();
        long bytes = 0;
        records.Bind(columns);
        await using var importer = await _connection.BeginBinaryImportAsync($"COPY {target} ({names}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        for (var row = segment.Start; row < segment.Start + segment.Count; row++)
        {
            await importer.StartRowAsync(cancellationToken);
            for (var index = 0; index < columns.Count; index++)
            {
                if (ids[index] && records.IsNull(row, index))
                {
                    throw new ConnectorFailure($"record {row + 1} of the batch has no value for the id field '{columns[index].Name}'.");
                }

                await WriteValueAsync(importer, records, index, columns[index], kinds[index], row, ref bytes, cancellationToken);
            }

            if (staged)
            {
                await importer.WriteAsync(row, NpgsqlTypes.NpgsqlDbType.Integer, cancellationToken);
            }
        }

        await importer.CompleteAsync(cancellationToken);
        return bytes;
    }

    private static Task WriteValueAsync(
        NpgsqlBinaryImporter importer, ICopyRows records, int index, TableColumn column, PostgresValueKind kind, int row, ref long bytes, CancellationToken cancellationToken)
    {
        try
        {
            var write = records.WriteAsync(importer, row, index, kind, out var size, cancellationToken);
            bytes += size;
            return write;
        }
        catch (Exception exception) when (exception is FormatException or OverflowException or InvalidOperationException or ArgumentException or JsonException)
        {
            throw new ConnectorFailure($"field '{column.Name}' of record {row + 1} of the batch cannot be written to a column of type {column.TypeSql}.");
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, _connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
