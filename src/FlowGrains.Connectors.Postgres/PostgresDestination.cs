using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Postgres;

/// <summary>How a Postgres destination applies records to its table.</summary>
internal enum WriteOperation
{
    /// <summary>Adds every record as a new row.</summary>
    Insert,
    /// <summary>Adds records whose ids are new and updates the rows whose ids exist.</summary>
    Upsert,
    /// <summary>Updates the rows whose ids match; records matching nothing change nothing.</summary>
    Update,
    /// <summary>Deletes the rows whose ids match.</summary>
    Delete,
}

/// <summary>
/// Where and how a Postgres destination writes: <c>object</c> (the table), <c>writeOperationType</c>
/// (INSERT by default, UPSERT, UPDATE or DELETE) and <c>idFieldNames</c> (the key columns; required for
/// UPSERT, UPDATE and DELETE; UPSERT needs a unique index or constraint on exactly those columns).
/// </summary>
internal sealed record PostgresDestination(QualifiedName Table, WriteOperation Operation, IReadOnlyList<string> IdFieldNames)
{
    /// <summary>The write operations, as AppFlow names them.</summary>
    public static readonly string[] OperationNames = ["INSERT", "UPSERT", "UPDATE", "DELETE"];

    /// <summary>Reads and checks the properties; errors name the field under <paramref name="fieldPath"/>.</summary>
    public static PostgresDestination Parse(IReadOnlyDictionary<string, string> values, string fieldPath)
    {
        var properties = new ConnectorProperties(values, fieldPath).AllowOnly("object", "writeOperationType", "idFieldNames");
        var table = PostgresSource.ParseTable(properties, "object");
        var operation = Enum.Parse<WriteOperation>(properties.OneOf("writeOperationType", "INSERT", OperationNames), ignoreCase: true);
        var ids = properties.List("idFieldNames");
        if (operation != WriteOperation.Insert && ids.Count == 0)
        {
            throw properties.Invalid("idFieldNames", $"is required for {operation.ToString().ToUpperInvariant()}: list the columns that identify a row.");
        }

        for (var index = 0; index < ids.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(ids[index]) || ids.Take(index).Contains(ids[index], StringComparer.Ordinal))
            {
                throw properties.Invalid($"idFieldNames[{index}]", "must be a column name, listed once.");
            }
        }

        return new PostgresDestination(table, operation, ids);
    }
}
