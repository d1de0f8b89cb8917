using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Where a profile points: its connection string, the <see cref="Host"/> it names (which the egress policy checks
/// before a connection), and a <see cref="Location"/> (host, port and database, never the credentials) that error
/// messages use.
/// </summary>
internal sealed record PostgresEndpoint(string ConnectionString, string Location, string? Password, string Host)
{
    /// <summary>
    /// Whether <paramref name="exception"/> is the database or the network failing, or a <see cref="ConnectorFailure"/>
    /// found in the data (rather than a bug).
    /// </summary>
    public static bool IsKnownFailure(Exception exception) =>
        exception is ConnectorFailure or NpgsqlException or TimeoutException or InvalidCastException or OverflowException or IOException;

    /// <summary>A message about <paramref name="exception"/> that is safe to show: it names the location and never the password.</summary>
    public string Describe(Exception exception)
    {
        var reason = exception switch
        {
            ConnectorFailure failure => failure.Message,
            PostgresException postgres => $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})",
            NpgsqlException { InnerException: TimeoutException } => "the server did not answer in time",
            TimeoutException => "the server did not answer in time",
            _ => exception.Message,
        };
        return Hide($"PostgreSQL {Location}: {reason}");
    }

    /// <summary><paramref name="message"/> with any occurrence of the password masked.</summary>
    public string Hide(string message) =>
        string.IsNullOrEmpty(Password) ? message : message.Replace(Password, "(hidden)", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => $"PostgresEndpoint {{ Location = {Location} }}";
}
