using Npgsql;

namespace FlowGrains.Bench;

/// <summary>A database a benchmark creates on the server it is given, works in, and drops, whatever happens.</summary>
internal static class ScratchDatabase
{
    /// <summary>Creates a database named from <paramref name="prefix"/>, runs <paramref name="work"/> with its connection string, then drops it.</summary>
    public static async Task UseAsync(string adminConnectionString, string prefix, Func<NpgsqlConnectionStringBuilder, Task> work)
    {
        var database = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 63)];
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {database}");
        try
        {
            await work(new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = database });
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(adminConnectionString, $"DROP DATABASE {database} WITH (FORCE)");
        }
    }

    /// <summary>Runs one statement, with no command timeout (loading a million rows takes a while).</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Throws unless <paramref name="actual"/> holds exactly <paramref name="rows"/> rows and every row of <paramref name="expected"/>.</summary>
    public static async Task CheckSameRowsAsync(string connectionString, string expected, string actual, long rows)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var check = new NpgsqlCommand(
            $"SELECT (SELECT count(*) FROM {actual}), (SELECT count(*) FROM (SELECT * FROM {expected} EXCEPT ALL SELECT * FROM {actual}) missing)", connection);
        await using var reader = await check.ExecuteReaderAsync();
        await reader.ReadAsync();
        var (copied, missing) = (reader.GetInt64(0), reader.GetInt64(1));
        if (copied != rows || missing != 0)
        {
            throw new InvalidOperationException($"{actual} holds {copied} rows, {missing} of {expected}'s rows are missing from it; expected {rows} and 0.");
        }
    }
}
