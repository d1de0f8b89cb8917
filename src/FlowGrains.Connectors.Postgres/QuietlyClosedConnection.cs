using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Closes a source's connection without letting a failure to close replace the error that ended the read:
/// a connection whose COPY the server aborted (a query refused in a read-only transaction, say) can fail to
/// reset, and the caller must see why the read failed, not that the close did.
/// </summary>
internal sealed class QuietlyClosedConnection(NpgsqlConnection connection) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or IndexOutOfRangeException or InvalidOperationException)
        {
            // The connection is broken and leaves the pool; the read's outcome has already been decided.
        }
    }
}
