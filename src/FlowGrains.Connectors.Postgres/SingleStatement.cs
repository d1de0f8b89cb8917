using System.Data;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Text that embeds a user's query, sent so that PostgreSQL itself judges it to be one statement: as the only
/// command of an <see cref="NpgsqlBatch"/> it goes out in one Parse message, which PostgreSQL refuses when it
/// holds more than one statement ("cannot insert multiple commands into a prepared statement"), and which
/// Npgsql refuses to split. No client-side scanner decides where a statement ends.
/// </summary>
internal static class SingleStatement
{
    /// <summary>Asks the server to parse and describe <paramref name="sql"/> without running it; <paramref name="read"/> reads its columns.</summary>
    public static async Task<T> DescribeAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new NpgsqlBatchCommand(sql) } };
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(CommandBehavior.SchemaOnly, cancellationToken);
            return read(reader);
        }
        catch (NotSupportedException exception)
        {
            throw new ConnectorFailure($"the query must be exactly one statement ({exception.Message}).");
        }
    }

    /// <summary>
    /// Whether <paramref name="exception"/> says the query itself is not one reading statement (its syntax, more
    /// than one statement, a data-modifying WITH, a write, a timeout), rather than that something it names is
    /// missing or the database is out of reach; such a query is refused when a flow is saved.
    /// </summary>
    public static bool IsRefusal(Exception exception) =>
        exception is ConnectorFailure or PostgresException
        {
            SqlState: PostgresErrorCodes.SyntaxError or PostgresErrorCodes.FeatureNotSupported
                or PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.QueryCanceled,
        };
}
