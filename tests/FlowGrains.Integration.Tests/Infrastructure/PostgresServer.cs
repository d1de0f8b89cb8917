using System.Diagnostics;
using Npgsql;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>
/// A private PostgreSQL server for this test run, made with the machine's own server binaries
/// (Debian's <c>postgresql</c> package, which <c>.ci/run</c> installs) in a temporary folder: every run
/// starts from an empty server that the tests may stop and restart at will. Set
/// <c>FLOWGRAINS_PG_BIN</c> to choose the binaries' folder.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string AdminUser = "postgres";
    private readonly string _bin;
    private readonly string _root;
    private readonly bool _asRoot = Environment.UserName == "root";

    private PostgresServer(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        Port = port;
    }

    /// <summary>The loopback TCP port the server listens on.</summary>
    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>Creates and starts a new server; throws with what to install when no binaries are found.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), $"flowgrains-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(root);
        var server = new PostgresServer(bin, root, LoopbackPorts.Free());
        if (server._asRoot)
        {
            // The server refuses to run as root, so it runs as the postgres account the Debian package creates.
            await server.RunAsync("chown", ["-R", "postgres", root], asPostgres: false);
        }

        await server.RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-U", AdminUser, "-A", "trust", "-E", "UTF8", "--no-sync"]);
        await server.StartServerAsync();
        return server;
    }

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = AdminUser,
        Database = database,
        Pooling = true,
        MaxPoolSize = 50,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)];
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Makes <paramref name="role"/> a login role that must give <paramref name="password"/> over TCP (every
    /// other role keeps trust authentication), so tests can see how a wrong password fails.
    /// </summary>
    public async Task AddPasswordRoleAsync(string role, string password)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE ROLE \"{role}\" LOGIN SUPERUSER PASSWORD '{password.Replace("'", "''")}'", connection);
            await create.ExecuteNonQueryAsync();
        }

        var rules = Path.Combine(DataDirectory, "pg_hba.conf");
        await File.WriteAllTextAsync(rules, $"host all {role} 127.0.0.1/32 scram-sha-256\n" + await File.ReadAllTextAsync(rules));
        await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "reload"]);
    }

    /// <summary>Stops the server at once, as a crash would (no checkpoint, clients cut off).</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);

    /// <summary>
    /// Starts the server again on the same port and data. Commits stay synchronous: an acknowledged commit
    /// must survive <see cref="StopAsync"/>, as it survives a real server crash; fsync is off, as only the
    /// machine crashing could lose what the kernel already holds.
    /// </summary>
    public Task StartServerAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), [
        "-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_root} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c full_page_writes=off",
        "start"]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("FLOWGRAINS_PG_BIN") is { Length: > 0 } configured)
        {
            return configured;
        }

        const string debianRoot = "/usr/lib/postgresql";
        var newest = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(path => (Path: Path.Combine(path, "bin"), Version: int.TryParse(Path.GetFileName(path), out var v) ? v : 0))
                .Where(candidate => File.Exists(Path.Combine(candidate.Path, "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault().Path
            : null;
        return newest ?? throw new InvalidOperationException(
            "The PostgreSQL tests need PostgreSQL's server binaries: install them (Debian: apt-get install -y postgresql) " +
            "or set FLOWGRAINS_PG_BIN to the folder holding initdb and pg_ctl.");
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && _asRoot ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (asPostgres && _asRoot)
        {
            foreach (var prefix in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{program} {string.Join(' ', arguments)}' failed with exit code {process.ExitCode}: {await error}{await output}");
        }
    }
}
