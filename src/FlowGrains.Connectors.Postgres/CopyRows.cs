using System.Text.Json.Nodes;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// The rows of one batch as the writer's COPY reads them, whatever form the batch came in: which fields each row
/// has, and the value of a row in each column of the segment being copied (after <see cref="Bind"/>).
/// </summary>
internal interface ICopyRows
{
    int Count { get; }

    /// <summary>Whether row <paramref name="row"/> has field <paramref name="name"/> (present and null counts).</summary>
    bool Has(int row, string name);

    /// <summary>Makes <paramref name="columns"/> the columns the value methods take indexes into.</summary>
    void Bind(IReadOnlyList<TableColumn> columns);

    /// <summary>Whether the row's value for the bound column is missing or null.</summary>
    bool IsNull(int row, int column);

    /// <summary>
    /// Starts writing the row's value for the bound column as <paramref name="kind"/>; throws before writing when it
    /// does not convert (see <see cref="ColumnValueWriter"/>). <paramref name="bytes"/> is roughly its size.
    /// </summary>
    Task WriteAsync(NpgsqlBinaryImporter importer, int row, int column, PostgresValueKind kind, out int bytes, CancellationToken cancellationToken);
}

/// <summary>Rows that are JSON records.</summary>
internal sealed class JsonCopyRows(IReadOnlyList<JsonObject> records) : ICopyRows
{
    private IReadOnlyList<TableColumn> _columns = [];

    public int Count => records.Count;

    public bool Has(int row, string name) => records[row].ContainsKey(name);

    public void Bind(IReadOnlyList<TableColumn> columns) => _columns = columns;

    public bool IsNull(int row, int column) => Value(row, column) is null;

    public Task WriteAsync(NpgsqlBinaryImporter importer, int row, int column, PostgresValueKind kind, out int bytes, CancellationToken cancellationToken) =>
        ColumnValueWriter.WriteAsync(importer, Value(row, column), kind, out bytes, cancellationToken);

    private JsonNode? Value(int row, int column) => records[row].TryGetPropertyValue(_columns[column].Name, out var node) ? node : null;
}
