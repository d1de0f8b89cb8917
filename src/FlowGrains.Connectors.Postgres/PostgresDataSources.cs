using FlowGrains.Grains.Connectors;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (one connection pool) per distinct connection string, so the runs of
/// every flow that uses the same profile share their connections. At most <c>capacity</c> pools are kept
/// (FlowGrains:Limits:MaxPostgresPools): the least recently used one is dropped for a new one, and closed when
/// the last run using it lets it go.
/// </summary>
internal sealed class PostgresDataSources(int capacity) : IAsyncDisposable
{
    private readonly LeasedCache<NpgsqlDataSource> _sources = new(capacity, source => source.DisposeAsync());

    /// <summary>How many pools are kept now.</summary>
    public int Count => _sources.Count;

    /// <summary>The pool of <paramref name="connectionString"/>, which stays open until the lease is disposed.</summary>
    public ValueTask<LeasedCache<NpgsqlDataSource>.Lease> RentAsync(string connectionString) =>
        _sources.RentAsync(connectionString, () => NpgsqlDataSource.Create(connectionString));

    public ValueTask DisposeAsync() => _sources.DisposeAsync();
}
