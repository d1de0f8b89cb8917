using System.Text;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// The SQL that applies a batch staged in a temporary table to the destination table. Within a batch the
/// last record with a given id wins (the staging table numbers records by their position).
/// </summary>
internal sealed class BatchStatements(QualifiedName table, IReadOnlyList<string> ids)
{
    /// <summary>The staging table; it lives as long as the writer's session and empties at each commit.</summary>
    public const string StagingTable = "pg_temp.flowgrains_batch";

    /// <summary>The staging column holding each record's position in its batch.</summary>
    public const string Ordinal = "flowgrains_ordinal";

    /// <summary>Creates the staging table with every column of the target (types carried as text travel as text).</summary>
    public static string CreateStaging(IReadOnlyList<TableColumn> columns) =>
        $"DROP TABLE IF EXISTS {StagingTable}; CREATE TEMP TABLE {StagingTable.Split('.')[1]} (" +
        string.Join(", ", columns.Select(column => $"{QualifiedName.Quote(column.Name)} {StagingType(column)}")) +
        $", {Ordinal} integer) ON COMMIT DELETE ROWS";

    /// <summary>The statement applying the staged <paramref name="columns"/> with <paramref name="operation"/>; null when there is nothing to do.</summary>
    public string? Apply(WriteOperation operation, IReadOnlyList<TableColumn> columns)
    {
        var names = string.Join(", ", columns.Select(column => QualifiedName.Quote(column.Name)));
        var others = columns.Where(column => !ids.Contains(column.Name, StringComparer.Ordinal)).Select(column => QualifiedName.Quote(column.Name)).ToList();
        var matches = string.Join(" AND ", ids.Select(id => $"target.{QualifiedName.Quote(id)} = b.{QualifiedName.Quote(id)}"));
        return operation switch
        {
            WriteOperation.Insert => $"INSERT INTO {table.Sql} ({names}) SELECT {Values(columns)} FROM {StagingTable} AS s ORDER BY s.{Ordinal}",
            WriteOperation.Upsert => $"INSERT INTO {table.Sql} AS target ({names}) {Latest(columns)} ON CONFLICT ({string.Join(", ", ids.Select(QualifiedName.Quote))}) " +
                (others.Count == 0 ? "DO NOTHING" : "DO UPDATE SET " + string.Join(", ", others.Select(name => $"{name} = EXCLUDED.{name}"))),
            WriteOperation.Update when others.Count == 0 => null,
            WriteOperation.Update => $"UPDATE {table.Sql} AS target SET {string.Join(", ", others.Select(name => $"{name} = b.{name}"))} FROM ({Latest(columns)}) AS b WHERE {matches}",
            WriteOperation.Delete => $"DELETE FROM {table.Sql} AS target USING (SELECT {Values(columns)} FROM {StagingTable} AS s) AS b WHERE {matches}",
            _ => throw new ArgumentOutOfRangeException(nameof(operation)),
        };
    }

    private string Latest(IReadOnlyList<TableColumn> columns)
    {
        var keys = string.Join(", ", ids.Select(id => $"s.{QualifiedName.Quote(id)}"));
        return $"SELECT DISTINCT ON ({keys}) {Values(columns)} FROM {StagingTable} AS s ORDER BY {keys}, s.{Ordinal} DESC";
    }

    private static string Values(IReadOnlyList<TableColumn> columns) =>
        new StringBuilder().AppendJoin(", ", columns.Select(column => column.Kind == PostgresValueKind.Other
            ? $"s.{QualifiedName.Quote(column.Name)}::{column.TypeSql} AS {QualifiedName.Quote(column.Name)}"
            : $"s.{QualifiedName.Quote(column.Name)}")).ToString();

    private static string StagingType(TableColumn column) => column.Kind == PostgresValueKind.Other ? "text" : column.TypeSql;
}
