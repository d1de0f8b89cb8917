using System.Collections.Immutable;
using FlowGrains.Errors;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// The Postgres connector's entities, read from the catalog: at the top level the schemas (system schemas left
/// out), each with nested entities; under a schema (entitiesPath = its exact name) its tables, views, materialized
/// views and foreign tables, named <c>schema.table</c> as a source's <c>object</c> property spells them (parts
/// that are not plain lower-case identifiers are double-quoted). A table's fields are its columns in order, typed
/// as <c>format_type</c> gives them, with the primary key marked and <c>nullable</c> in the custom properties.
/// Names are ordered and paged by their bytes (collation "C"); the page position is the last raw name.
/// </summary>
internal static class PostgresEntities
{
    private const string Relations = "'r', 'v', 'm', 'p', 'f'";

    public static async Task<ConnectorEntityPage> ListAsync(
        NpgsqlConnection connection, string? schema, int maxResults, string? after, CancellationToken cancellationToken)
    {
        var names = schema is null
            ? await NamesAsync(connection, """
                SELECT nspname::text FROM pg_namespace
                WHERE nspname !~ '^pg_' AND nspname <> 'information_schema' AND ($1::text IS NULL OR nspname::text COLLATE "C" > $1)
                ORDER BY nspname::text COLLATE "C" LIMIT $2
                """, [after, maxResults + 1], cancellationToken)
            : await NamesAsync(connection, $"""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = $3 AND c.relkind IN ({Relations}) AND NOT c.relispartition
                    AND ($1::text IS NULL OR c.relname::text COLLATE "C" > $1)
                ORDER BY c.relname::text COLLATE "C" LIMIT $2
                """, [after, maxResults + 1, schema], cancellationToken);
        if (schema is not null && names.Count == 0 && (await NamesAsync(connection, "SELECT nspname::text FROM pg_namespace WHERE nspname = $1", [schema], cancellationToken)).Count == 0)
        {
            throw new FlowOperationException(FlowErrorCode.NotFound, $"Schema '{schema}' does not exist.");
        }

        var entities = names.Take(maxResults).Select(name => schema is null
            ? new ConnectorEntity(name, name, HasNestedEntities: true)
            : new ConnectorEntity($"{Spell(schema)}.{Spell(name)}", name, HasNestedEntities: false));
        return new ConnectorEntityPage([.. entities], names.Count > maxResults ? names[maxResults - 1] : null);
    }

    public static async Task<ImmutableArray<ConnectorEntityField>> DescribeAsync(
        NpgsqlConnection connection, string entityName, CancellationToken cancellationToken)
    {
        var table = QualifiedName.TryParse(entityName)
            ?? throw FlowOperationException.Invalid("connectorEntityName", "must name a table or view as schema.table.");
        await using var command = new NpgsqlCommand(
            $"""
            SELECT a.attname::text, format_type(a.atttypid, a.atttypmod), a.attnotnull, coalesce(a.attnum = ANY (i.indkey), false)
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
            WHERE c.oid = to_regclass($1) AND c.relkind IN ({Relations})
            ORDER BY a.attnum
            """,
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table.Sql });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var fields = ImmutableArray.CreateBuilder<ConnectorEntityField>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            fields.Add(new ConnectorEntityField(
                name, name, reader.GetString(1), reader.GetBoolean(3),
                ImmutableSortedDictionary<string, string>.Empty.Add("nullable", reader.GetBoolean(2) ? "false" : "true")));
        }

        // Every relation listed has at least one column in practice; none means there is no such relation.
        return fields.Count > 0
            ? fields.ToImmutable()
            : throw new FlowOperationException(FlowErrorCode.NotFound, $"Table or view '{entityName}' does not exist.");
    }

    private static async Task<List<string>> NamesAsync(NpgsqlConnection connection, string sql, object?[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text } : new NpgsqlParameter { Value = parameter });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    // As a user would write it for QualifiedName to read back: lower-case identifiers bare, anything else quoted.
    private static string Spell(string identifier) =>
        identifier.Length > 0 && (char.IsAsciiLetterLower(identifier[0]) || identifier[0] == '_')
        && identifier.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '$')
            ? identifier
            : QualifiedName.Quote(identifier);
}
