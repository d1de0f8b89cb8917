using FlowGrains.Connectors.LocalFolder;


namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>
/// A cluster of real host processes on the postgres profile sharing one fresh database, one cluster id
/// and one LocalFolder data root; hosts can be killed, stopped and started again on the same ports.
/// </summary>
public sealed class HostCluster : IAsyncDisposable
{
    private readonly Dictionary<string, string> _environment;
    private readonly List<(int Http, int Silo, int Gateway)> _ports = [];

    private HostCluster(string connectionString, string dataRoot)
    {
        ConnectionString = connectionString;
        DataRoot = dataRoot;
        _environment = new Dictionary<string, string>
        {
            ["FLOWGRAINS_PROFILE"] = "postgres",
            ["ConnectionStrings__FlowGrains"] = connectionString,
            ["Orleans__ClusterId"] = $"it-{Guid.NewGuid():N}"[..16],
            ["Orleans__Endpoints__AdvertisedIPAddress"] = "127.0.0.1",
            ["FlowGrains__DataRoot"] = dataRoot,
            ["FlowGrains__Egress__Allow__0"] = FlowGrains.Testing.LoopbackEgress.Allow,
            ["FlowGrains__ConnectorProfiles__EncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["FlowGrains__PaginationKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Logging__LogLevel__Default"] = "Warning",

            // The postgres profile requires keys: the cluster's front doors are called with this Admin key.
            ["FlowGrains__Auth__Keys__0__Id"] = HostProcess.AdminKeyId,
            ["FlowGrains__Auth__Keys__0__Secret"] = HostProcess.AdminKeySecret,
            ["FlowGrains__Auth__Keys__0__Role"] = "Admin",
            ["FlowGrains__Auth__Keys__1__Id"] = "AKTESTREADER000001",
            ["FlowGrains__Auth__Keys__1__Secret"] = "test-reader-secret-0123456789abcdef",
            ["FlowGrains__Auth__Keys__1__Role"] = "Reader",
            ["FlowGrains__Auth__Keys__2__Id"] = "AKTESTOPERATOR0001",
            ["FlowGrains__Auth__Keys__2__Secret"] = "test-operator-secret-0123456789abcdef",
            ["FlowGrains__Auth__Keys__2__Role"] = "Operator",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning",

            // A killed silo is declared dead within seconds rather than Orleans' production margins.
            ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
            ["Orleans__Membership__NumMissedProbesLimit"] = "2",
            ["Orleans__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:05",
            ["DOTNET_gcServer"] = "0",
        };
    }

    /// <summary>The hosts, by index; a stopped host keeps its place.</summary>
    public List<HostProcess> Hosts { get; } = [];

    /// <summary>The gateway port of host <paramref name="index"/>.</summary>
    public int GatewayPort(int index) => _ports[index].Gateway;

    /// <summary>The cluster's Orleans:ClusterId, which a client of its gateways must name.</summary>
    public string ClusterId => _environment["Orleans__ClusterId"];

    /// <summary>The cluster's database.</summary>
    public string ConnectionString { get; }

    /// <summary>The LocalFolder data root all hosts share.</summary>
    public string DataRoot { get; }

    /// <summary>
    /// Creates a fresh database with the schema applied (on <paramref name="server"/>, by default the run's
    /// shared one) and starts <paramref name="count"/> hosts, waiting until each is ready.
    /// </summary>
    public static async Task<HostCluster> StartAsync(int count, PostgresServer? server = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var database = new PostgresDatabase(server);
        await database.InitializeAsync();
        var cluster = new HostCluster(database.ConnectionString, Directory.CreateTempSubdirectory("flowgrains-it-").FullName);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            cluster._environment[name] = value;
        }

        for (var index = 0; index < count; index++)
        {
            cluster._ports.Add(FreePorts());
            cluster.Hosts.Add(cluster.Launch(index));
        }

        await Task.WhenAll(Enumerable.Range(0, count).Select(cluster.WaitReadyOnFreePortsAsync));
        return cluster;
    }

    /// <summary>Starts host <paramref name="index"/> again on its ports (after a kill or a stop) and waits until it is ready.</summary>
    public async Task<HostProcess> RestartAsync(int index)
    {
        await Hosts[index].DisposeAsync();
        Hosts[index] = Launch(index);
        await Hosts[index].WaitReadyAsync();
        return Hosts[index];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        Directory.Delete(DataRoot, recursive: true);
    }

    private static (int Http, int Silo, int Gateway) FreePorts() => (LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free());

    private async Task WaitReadyOnFreePortsAsync(int index)
    {
        // A test process running beside this one may bind a port between its check and the host's bind;
        // a first start moves to other ports then. Restarts keep theirs, since the silo's identity is its address.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Hosts[index].WaitReadyAsync();
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && Hosts[index].Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await Hosts[index].DisposeAsync();
                _ports[index] = FreePorts();
                Hosts[index] = Launch(index);
            }
        }
    }

    private HostProcess Launch(int index)
    {
        var (http, silo, gateway) = _ports[index];
        var environment = new Dictionary<string, string>(_environment)
        {
            ["urls"] = $"http://127.0.0.1:{http}",
            ["Orleans__Endpoints__SiloPort"] = silo.ToString(),
            ["Orleans__Endpoints__GatewayPort"] = gateway.ToString(),
        };
        return HostProcess.Start(environment, http, silo);
    }
}
