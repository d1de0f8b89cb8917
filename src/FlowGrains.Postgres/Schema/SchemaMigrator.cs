using FlowGrains.Postgres.Upgrade;
using Npgsql;

namespace FlowGrains.Postgres.Schema;

/// <summary>
/// Brings a PostgreSQL database to the newest FlowGrains schema. Steps already applied are skipped, so
/// running it again changes nothing; concurrent runs queue on an advisory lock, so two silos or two
/// deploy jobs starting together apply each step once. A database of the previous version also has its tokens
/// and run records carried to the flow ledger (<see cref="LedgerUpgrade"/>), in the same transaction.
/// </summary>
public static class SchemaMigrator
{
    // Any constant shared by every migrator process; the value spells "FLOWGRNS".
    private const long LockKey = 0x464C4F5747524E53;

    /// <summary>Applies the missing steps; returns the versions it applied (empty when the schema was current).</summary>
    public static async Task<IReadOnlyList<int>> ApplyAsync(string connectionString, CancellationToken cancellationToken = default) =>
        (await MigrateAsync(connectionString, TimeProvider.System, cancellationToken)).Applied;

    /// <summary>
    /// Applies the missing steps and carries what the previous version left in grain storage to the flow ledger,
    /// all or nothing; tokens expired at <paramref name="time"/>'s now are left behind.
    /// </summary>
    public static Task<SchemaMigrationResult> MigrateAsync(
        string connectionString, TimeProvider time, CancellationToken cancellationToken = default) =>
        MigrateAsync(connectionString, time, LatestVersion, cancellationToken);

    /// <summary>Applies the missing steps up to <paramref name="lastVersion"/>: a database as an earlier build's migrate left it.</summary>
    internal static async Task<SchemaMigrationResult> MigrateAsync(
        string connectionString, TimeProvider time, int lastVersion, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", LockKey));
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS flowgrains_schema_history (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now())
            """, cancellationToken);

        var applied = await ReadAppliedAsync(connection, cancellationToken);
        var newlyApplied = new List<int>();
        foreach (var step in SchemaMigration.All.Where(step => step.Version <= lastVersion))
        {
            if (applied.TryGetValue(step.Version, out var checksum))
            {
                if (checksum != step.Checksum)
                {
                    throw new InvalidOperationException(
                        $"Schema step {step.Version} ({step.Name}) differs from the one applied to this database; steps must never be edited.");
                }

                continue;
            }

            await ExecuteAsync(connection, step.Sql, cancellationToken);
            await ExecuteAsync(
                connection,
                "INSERT INTO flowgrains_schema_history (version, name, checksum) VALUES (@version, @name, @checksum)",
                cancellationToken,
                ("version", step.Version),
                ("name", step.Name),
                ("checksum", step.Checksum));
            newlyApplied.Add(step.Version);
        }

        var carried = LedgerUpgrade.LedgerVersion <= lastVersion
            ? await new LedgerUpgrade(time).RunAsync(connection, cancellationToken)
            : LedgerUpgradeResult.None;
        await transaction.CommitAsync(cancellationToken);
        return new SchemaMigrationResult(newlyApplied, carried);
    }

    /// <summary>The newest version applied to the database, or 0 when none is.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(max(version), 0) FROM flowgrains_schema_history", connection);
        try
        {
            return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    /// <summary>The version this build's schema steps lead to.</summary>
    public static int LatestVersion => SchemaMigration.All[^1].Version;

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("SELECT version, checksum FROM flowgrains_schema_history", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[reader.GetInt32(0)] = reader.GetString(1);
        }

        return applied;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
