using FlowGrains.Grains.Connectors;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// What a Postgres source reads: either <c>object</c>, a table or view (<c>orders</c>, <c>sales.orders</c>,
/// <c>"Sales"."Orders"</c>), or <c>query</c>, one SELECT (or WITH, VALUES, TABLE) statement. Never both.
/// </summary>
internal sealed record PostgresSource(QualifiedName? Table, string? Query)
{
    private static readonly string[] ReadingKeywords = ["SELECT", "WITH", "VALUES", "TABLE"];

    /// <summary>The relation as SQL for a FROM clause: the quoted table, or the query in parentheses.</summary>
    // The newlines keep a trailing line comment in the query from swallowing the closing parenthesis.
    public string RelationSql => Table?.Sql ?? $"(\n{Query}\n)";

    /// <summary>What the source is, for messages.</summary>
    public string Description => Table is null ? "the query" : $"table {Table.Sql}";

    /// <summary>Reads and checks the properties; errors name the field under <paramref name="fieldPath"/>.</summary>
    public static PostgresSource Parse(IReadOnlyDictionary<string, string> values, string fieldPath)
    {
        var properties = new ConnectorProperties(values, fieldPath).AllowOnly("object", "query");
        var (table, query) = (properties.Optional("object"), properties.Optional("query"));
        if (table is not null && query is not null)
        {
            throw properties.Invalid("query", "cannot be given together with object: name a table or give a query.");
        }

        if (query is null)
        {
            return new PostgresSource(ParseTable(properties, "object"), null);
        }

        var statement = SqlText.SingleStatement(properties.Required("query"))
            ?? throw properties.Invalid("query", "must be exactly one statement, with every string, quoted name and comment closed.");
        return ReadingKeywords.Contains(SqlText.FirstKeyword(statement), StringComparer.Ordinal)
            ? new PostgresSource(null, statement)
            : throw properties.Invalid("query", "must be a SELECT (or WITH, VALUES, TABLE) statement: sources only read.");
    }

    /// <summary>The table named by <paramref name="key"/>, quoted safely.</summary>
    public static QualifiedName ParseTable(ConnectorProperties properties, string key) =>
        QualifiedName.TryParse(properties.Required(key))
            ?? throw properties.Invalid(key, "must be a table name, optionally schema-qualified (schema.table), with double quotes around names that need them.");
}
