using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>A column a source produces: its name (the record field) and how its values are read.</summary>
internal sealed record SourceColumn(string Name, PostgresValueKind Kind)
{
    /// <summary>
    /// The columns of <paramref name="source"/>, asked of the server without reading any row. Two columns with
    /// the same name are refused: a record cannot hold both.
    /// </summary>
    public static Task<IReadOnlyList<SourceColumn>> DescribeAsync(
        NpgsqlConnection connection, PostgresSource source, CancellationToken cancellationToken) =>
        SingleStatement.DescribeAsync(connection, $"SELECT * FROM {source.RelationSql} AS q LIMIT 0", reader => Read(reader, source), cancellationToken);

    private static IReadOnlyList<SourceColumn> Read(NpgsqlDataReader reader, PostgresSource source)
    {
        var columns = new List<SourceColumn>();
        for (var ordinal = 0; ordinal < reader.FieldCount; ordinal++)
        {
            var name = reader.GetName(ordinal);
            if (columns.Any(existing => existing.Name == name))
            {
                throw new ConnectorFailure($"{source.Description} returns two columns named '{name}'; give each column its own name (AS).");
            }

            columns.Add(new SourceColumn(name, PostgresValueKinds.FromTypeName(reader.GetPostgresType(ordinal).InternalName)));
        }

        return columns;
    }
}
