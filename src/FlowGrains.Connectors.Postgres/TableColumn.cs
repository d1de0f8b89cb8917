using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>A writable column of a destination table: its name, its SQL type (as the server spells it) and how values convert.</summary>
internal sealed record TableColumn(string Name, string TypeSql, PostgresValueKind Kind)
{
    /// <summary>The table's columns in order, leaving out generated ones; empty when the table does not exist.</summary>
    public static async Task<IReadOnlyList<TableColumn>> ListAsync(NpgsqlConnection connection, QualifiedName table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod), t.typname
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
            ORDER BY a.attnum
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table.Sql });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var columns = new List<TableColumn>();
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add(new TableColumn(reader.GetString(0), reader.GetString(1), PostgresValueKinds.FromTypeName(reader.GetString(2))));
        }

        return columns;
    }
}
