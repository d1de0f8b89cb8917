using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Where a profile points: its connection string, the <see cref="Host"/> it names (which the egress policy checks
/// before a connection), and a <see cref="Location"/> (host, port and database, never the credentials) that error
/// messages use.
/// </summary>
internal sealed record PostgresEndpoint(string ConnectionString, string Location, string? Password, string Host)
{
    /// <summary>Whether an Admin let flows read this database with a query (profile property <c>allowQueries</c>).</summary>
    public bool AllowsQueries { get; init; }

    /// <summary>The profile's own statement timeout for queries, when it sets one (<c>queryTimeoutSeconds</c>).</summary>
    public TimeSpan? QueryTimeout { get; init; }

    /// <summary>
    /// Whether <paramref name="exception"/> is the database or the network failing, or a <see cref="ConnectorFailure"/>
    /// found in the data (rather than a bug).
    /// </summary>
    public static bool IsKnownFailure(Exception exception) =>
        exception is ConnectorFailure or NpgsqlException or TimeoutException or InvalidCastException or OverflowException or IOException;

    /// <summary>A message about <paramref name="exception"/> that is safe to show: it names the location and never the password.</summary>
    public string Describe(Exception exception) => Hide($"PostgreSQL {Location}: {Reason(exception)}");

    /// <summary>What went wrong, without the location: PostgreSQL's message and SQLSTATE, or why the server did not answer.</summary>
    public static string Reason(Exception exception) => exception switch
    {
        ConnectorFailure failure => failure.Message,
        PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})",
        NpgsqlException { InnerException: TimeoutException } => "the server did not answer in time",
        TimeoutException => "the server did not answer in time",
        _ => exception.Message,
    };

    /// <summary><paramref name="message"/> with any occurrence of the password masked.</summary>
    public string Hide(string message) =>
        string.IsNullOrEmpty(Password) ? message : message.Replace(Password, "(hidden)", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"PostgresEndpoint {{ Location = {Location} }}";
}
