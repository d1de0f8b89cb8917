using System.Net;
using System.Net.Sockets;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// One <see cref="NpgsqlDataSource"/> (one connection pool) per distinct connection string and checked address, so
/// the runs of every flow that uses the same profile share their connections. At most <c>capacity</c> pools are kept
/// (FlowGrains:Limits:MaxPostgresPools): the least recently used one is dropped for a new one, and closed when the
/// last run using it lets it go.
/// </summary>
internal sealed class PostgresDataSources(IEgressPolicy egress, int capacity) : IAsyncDisposable
{
    private readonly LeasedCache<NpgsqlDataSource> _sources = new(capacity, source => source.DisposeAsync());

    /// <summary>How many pools are kept now.</summary>
    public int Count => _sources.Count;

    /// <summary>
    /// The pool for <paramref name="endpoint"/>, which stays open until the lease is disposed. It connects to an
    /// address of its host that the egress policy checked (never to a second DNS answer); TLS still verifies the
    /// certificate against the host's name. A refused or unresolvable host is a <see cref="ConnectorFailure"/>.
    /// </summary>
    public async ValueTask<LeasedCache<NpgsqlDataSource>.Lease> RentAsync(PostgresEndpoint endpoint, CancellationToken cancellationToken)
    {
        var address = await CheckedAddressAsync(endpoint.Host, cancellationToken);
        var connectionString = new NpgsqlConnectionStringBuilder(endpoint.ConnectionString) { Host = address.ToString() }.ConnectionString;
        return await _sources.RentAsync($"{connectionString}\0{endpoint.Host}", () => Create(connectionString, endpoint.Host));
    }

    public ValueTask DisposeAsync() => _sources.DisposeAsync();

    private async ValueTask<IPAddress> CheckedAddressAsync(string host, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await egress.ResolveAsync(host, cancellationToken);

            // IPv4 first: Npgsql reads a bare IPv6 literal in Host less predictably than a dotted quad.
            return addresses.OrderBy(address => address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1).First();
        }
        catch (EgressRefusedException refused)
        {
            throw new ConnectorFailure(refused.Message);
        }
        catch (SocketException)
        {
            throw new ConnectorFailure($"the host name '{host}' does not resolve");
        }
    }

    private static NpgsqlDataSource Create(string connectionString, string host)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!IPAddress.TryParse(host, out _))
        {
            // The connection goes to the checked address; the server's certificate is still checked against its name.
            builder.UseSslClientAuthenticationOptionsCallback(options => options.TargetHost = host);
        }

        return builder.Build();
    }
}
