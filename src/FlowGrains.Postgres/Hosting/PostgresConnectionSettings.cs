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
