using System.Net.Sockets;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Where a profile points: its connection string, the <see cref="Host"/> it names (which the egress policy checks
/// before a connection, and which error messages must never show, since a run record is read by more people than
/// the profile's owner), and the password, which they must not show either.
/// </summary>
internal sealed record PostgresEndpoint(string ConnectionString, string Host, string? Password)
{
    private const string ConnectFailed = "PostgreSQL: could not connect to the profile's database";

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

    /// <summary>Why PostgreSQL refused a statement the flow gave it (its own query): the message and SQLSTATE.</summary>
    public static string Reason(Exception exception) =>
        exception is PostgresException postgres ? $"{postgres.MessageText} (SQLSTATE {postgres.SqlState})" : exception.Message;

    /// <summary>
    /// A message about <paramref name="exception"/> that is safe to show: what failed (<paramref name="operation"/>,
    /// such as "writing to table x") and why, as a SQLSTATE with its condition name. Never the host, the port,
    /// the password, or row values (PostgreSQL's Detail and Where, and message texts that quote values, are left out).
    /// </summary>
    public string Describe(string operation, Exception exception) => exception switch
    {
        PostgresException postgres when PostgresConditions.IsConnectFailure(postgres.SqlState) => $"{ConnectFailed} ({HidePassword(PostgresConditions.Describe(postgres))}).",
        PostgresException postgres => $"PostgreSQL: {operation} failed: {HidePassword(PostgresConditions.Describe(postgres))}.",
        NpgsqlException { InnerException: SocketException socket } when ConnectReason(socket.SocketErrorCode) is { } reason => $"{ConnectFailed} ({reason}).",
        NpgsqlException { InnerException: SocketException socket } => $"PostgreSQL: {operation} failed: the connection to the database failed (socket error {socket.SocketErrorCode}).",
        NpgsqlException { InnerException: TimeoutException } or TimeoutException => $"PostgreSQL: {operation} failed: the server did not answer in time.",
        NpgsqlException { InnerException: IOException } => $"PostgreSQL: {operation} failed: the connection to the database was lost.",
        ConnectorFailure failure => $"PostgreSQL: {operation} failed: {failure.Message}",
        _ => $"PostgreSQL: {operation} failed: {Hide(exception.Message)}",
    };

    // PostgreSQL's own texts never hold the host the client dialled; a client-side message (Npgsql's, the
    // runtime's) may, and is then replaced whole: a short host name may be part of other words, so it is not cut out.
    private string Hide(string message) =>
        message.Contains(Host, StringComparison.OrdinalIgnoreCase) ? "the database connection failed" : HidePassword(message);

    private string HidePassword(string message) =>
        string.IsNullOrEmpty(Password) ? message : message.Replace(Password, "(hidden)", StringComparison.Ordinal);

    private static string? ConnectReason(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "the host name was not found",
        SocketError.TimedOut => "the connection timed out",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown => "the host is unreachable",
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => "PostgresEndpoint { (hidden) }";
}
