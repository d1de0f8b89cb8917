using System.Reflection;
using System.Text;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// PostgreSQL's condition names (<c>23505</c> is <c>unique_violation</c>), from Npgsql's
/// <see cref="PostgresErrorCodes"/>, and which conditions' message text is safe to show.
/// </summary>
internal static class PostgresConditions
{
    private static readonly Dictionary<string, string> Names = typeof(PostgresErrorCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(string))
        .GroupBy(field => (string)field.GetRawConstantValue()!)
        .ToDictionary(codes => codes.Key, codes => SnakeCase(codes.First().Name), StringComparer.Ordinal);

    // Classes whose message text names only objects (a constraint, a relation, a column, a role) or a state,
    // never a value: integrity (23), transaction state (25), rollback (40), syntax and access (42), resources
    // (53), operator intervention (57), unsupported feature (0A), unknown database (3D). Data exceptions (22)
    // quote the offending value, RAISE (P0001) says whatever a function chose, and 28000 names the client's
    // address, so for those only the code and name are shown.
    private static readonly string[] SafeTextClasses = ["23", "25", "40", "42", "53", "57", "0A", "3D"];

    /// <summary>The connection-phase conditions: authorization (28), unknown database, connection exceptions (08), too many clients, starting up.</summary>
    public static bool IsConnectFailure(string sqlState) =>
        sqlState.StartsWith("28", StringComparison.Ordinal) || sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow;

    /// <summary>The code with its condition name and, when it can carry no values, the message text: <c>23505 unique_violation: duplicate key value …</c>.</summary>
    public static string Describe(PostgresException exception)
    {
        var condition = Names.TryGetValue(exception.SqlState, out var name) ? $"{exception.SqlState} {name}" : exception.SqlState;
        return ShowsText(exception.SqlState) ? $"{condition}: {exception.MessageText}" : condition;
    }

    private static bool ShowsText(string sqlState) =>
        sqlState == PostgresErrorCodes.InvalidPassword || SafeTextClasses.Any(safe => sqlState.StartsWith(safe, StringComparison.Ordinal));

    // Npgsql names UniqueViolation what PostgreSQL calls unique_violation; PostgreSQL writes sqlclient, sqlserver
    // and sqlconnection as one word.
    private static string SnakeCase(string pascal)
    {
        var snake = new StringBuilder(pascal.Length + 8);
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && snake.Length > 0)
            {
                snake.Append('_');
            }

            snake.Append(char.ToLowerInvariant(c));
        }

        return snake.ToString().Replace("sql_client", "sqlclient", StringComparison.Ordinal)
            .Replace("sql_server", "sqlserver", StringComparison.Ordinal)
            .Replace("sql_connection", "sqlconnection", StringComparison.Ordinal);
    }
}
