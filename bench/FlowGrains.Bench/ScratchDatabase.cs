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
}
