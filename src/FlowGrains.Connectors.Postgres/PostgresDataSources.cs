using System.Collections.Concurrent;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (one connection pool) per distinct connection string, so the runs of
/// every flow that uses the same profile share their connections. Holds the pools until disposed.
/// </summary>
internal sealed class PostgresDataSources : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<NpgsqlDataSource>> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(string connectionString) =>
        _sources.GetOrAdd(connectionString, static key => new Lazy<NpgsqlDataSource>(() => NpgsqlDataSource.Create(key))).Value;

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values.Where(source => source.IsValueCreated))
        {
            await source.Value.DisposeAsync();
        }

        _sources.Clear();
    }
}
