using FlowGrains.Postgres.Schema;
using Npgsql;

namespace FlowGrains.Postgres.Hosting;

/// <summary>
/// Checks the PostgreSQL connection string before the silo starts, so a missing, malformed or wrong one
/// stops the host with a message that says what to fix instead of a provider stack trace.
/// </summary>
public static class PostgresConnectionSettings
{
    /// <summary>The configuration key of the connection string (environment variable <c>ConnectionStrings__FlowGrains</c>).</summary>
    public const string Key = "ConnectionStrings:FlowGrains";

    /// <summary>
    /// The configuration key of the silo's connection budget: the most connections it opens to the database,
    /// for Orleans' providers and FlowGrains' own stores together (environment <c>FlowGrains__Database__MaxConnections</c>).
    /// </summary>
    public const string MaxConnectionsKey = "FlowGrains:Database:MaxConnections";

    /// <summary>
    /// The default budget: two silos (80) fit under PostgreSQL's default <c>max_connections</c> of 100 with
    /// room for its reserved slots, a migration and an operator's psql.
    /// </summary>
    public const int DefaultMaxConnections = 40;

    // How long work waits for a free connection of the budget before it fails; Npgsql's own default is 15 s.
    private const int ConnectionWaitSeconds = 30;

    /// <summary>
    /// The connection string every user of the database in this silo shares, so they draw on one pool of at
    /// most <paramref name="maxConnections"/> connections: past that, work waits for a free connection
    /// (up to 30 s, unless the string sets its own Timeout) instead of opening more than the server allows.
    /// The pool is named <c>flowgrains</c> in pg_stat_activity unless the string names it.
    /// </summary>
    public static string WithBudget(string connectionString, int maxConnections)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 2);
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxConnections };
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, maxConnections);
        if (!new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.ContainsKey("Timeout"))
        {
            builder.Timeout = ConnectionWaitSeconds;
        }

        builder.ApplicationName ??= "flowgrains";
        return builder.ConnectionString;
    }

    /// <summary>Reads the budget from its setting: <see cref="DefaultMaxConnections"/> when unset; throws naming the setting when it is not a whole number from 2 to 10,000.</summary>
    public static int MaxConnections(string? setting)
    {
        if (setting is null)
        {
            return DefaultMaxConnections;
        }

        return int.TryParse(setting, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var budget) && budget is >= 2 and <= 10_000
            ? budget
            : throw new InvalidOperationException($"{MaxConnectionsKey} is '{setting}'; it must be a whole number of connections from 2 to 10000.");
    }

    /// <summary>Returns the connection string when it is well formed; throws with what is wrong otherwise.</summary>
    public static string Validate(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{Key} is not set; the postgres profile needs it (for example the environment variable ConnectionStrings__FlowGrains=\"Host=...;Database=...;Username=...;Password=...\").");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"{Key} is not a valid PostgreSQL connection string: {exception.Message}", exception);
        }

        if (string.IsNullOrEmpty(parsed.Host))
        {
            throw new InvalidOperationException($"{Key} names no Host.");
        }

        return connectionString;
    }

    /// <summary>
    /// Connects once and checks that the database holds this build's schema; throws with the address
    /// (never the password) and what to do when it cannot connect or the schema is missing or old.
    /// </summary>
    public static async Task EnsureReadyAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var parsed = new NpgsqlConnectionStringBuilder(connectionString);
        var where = $"{parsed.Host}:{parsed.Port}/{parsed.Database}";
        int version;
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            version = await SchemaMigrator.CurrentVersionAsync(connection, cancellationToken);
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException($"Cannot use PostgreSQL at {where} ({Key}): {exception.Message}", exception);
        }

        if (version < SchemaMigrator.LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database at {where} has FlowGrains schema version {version}; this build needs {SchemaMigrator.LatestVersion}. " +
                "Apply it first: dotnet run --project src/FlowGrains.Host -- migrate --profile postgres (or the image's 'migrate' command).");
        }
    }
}
