using Npgsql;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// The ledger's connections: from the same pool as Orleans' providers (Npgsql pools by connection string), so the
/// silo stays within its connection budget (<c>FlowGrains:Database:MaxConnections</c>) with the ledger in it.
/// Each statement is prepared: the server plans it once per connection, and a pooled connection keeps its plans.
/// </summary>
internal sealed class LedgerDatabase(string connectionString)
{
    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A prepared command of <paramref name="sql"/> on <paramref name="connection"/> with the parameters <paramref name="bind"/> adds.</summary>
    public static async Task<NpgsqlCommand> PrepareAsync(NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind)
    {
        var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await command.PrepareAsync();
        return command;
    }
}
