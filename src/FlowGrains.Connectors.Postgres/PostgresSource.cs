using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// What a Postgres source reads: either <c>object</c>, a table or view (<c>orders</c>, <c>sales.orders</c>,
/// <c>"Sales"."Orders"</c>), or <c>query</c>, one reading statement. Never both. Whether a query is one statement
/// that only reads is PostgreSQL's judgement when the query is described (see <see cref="SingleStatement"/>), not
/// a check of its text here: the text is only required and trimmed of trailing semicolons.
/// </summary>
internal sealed record PostgresSource(QualifiedName? Table, string? Query)
{
    /// <summary>The longest query accepted, in characters.</summary>
    public const int MaxQueryLength = 100_000;

    private static readonly char[] Trailing = [';', ' ', '\t', '\r', '\n', '\f', '\v'];

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

        // Cutting semicolons and spaces off the end cannot change what the query means: one that ended inside
        // a string or comment was unterminated and stays so, and PostgreSQL refuses it when it is described.
        var statement = properties.Required("query").TrimEnd(Trailing);
        return statement.Length switch
        {
            0 => throw properties.Invalid("query", "is required."),
            > MaxQueryLength => throw properties.Invalid("query", $"must be at most {MaxQueryLength} characters."),
            _ => new PostgresSource(null, statement),
        };
    }

    /// <summary>The table named by <paramref name="key"/>, quoted safely.</summary>
    public static QualifiedName ParseTable(ConnectorProperties properties, string key) =>
        QualifiedName.TryParse(properties.Required(key))
            ?? throw properties.Invalid(key, "must be a table name, optionally schema-qualified (schema.table), with double quotes around names that need them.");
}
