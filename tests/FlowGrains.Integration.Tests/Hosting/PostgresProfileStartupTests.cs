using FlowGrains.Integration.Tests.Infrastructure;
using Npgsql;

namespace FlowGrains.Integration.Tests.Hosting;

/// <summary>The postgres profile refuses to start on a missing, malformed or wrong connection string, saying what to fix.</summary>
public sealed class PostgresProfileStartupTests
{
    [Fact]
    public async Task MissingConnectionString_StopsTheHostNamingTheSetting()
    {
        var output = await RunHostAsync(connectionString: null);

        Assert.Contains("ConnectionStrings:FlowGrains is not set; the postgres profile needs it", output);
    }

    [Fact]
    public async Task MalformedConnectionString_StopsTheHostSayingItIsInvalid()
    {
        var output = await RunHostAsync("Host=127.0.0.1;Bogus Keyword=1");

        Assert.Contains("ConnectionStrings:FlowGrains is not a valid PostgreSQL connection string", output);
    }

    [Fact]
    public async Task UnreachableDatabase_StopsTheHostNamingTheAddressButNotThePassword()
    {
        var output = await RunHostAsync("Host=127.0.0.1;Port=1;Database=nowhere;Username=flowgrains;Password=s3cret-value;Timeout=2");

        Assert.Contains("Cannot use PostgreSQL at 127.0.0.1:1/nowhere", output);
        Assert.DoesNotContain("s3cret-value", output);
    }

    [Fact]
    public async Task DatabaseWithoutTheSchema_StopsTheHostSayingToMigrate()
    {
        var server = await SharedPostgres.GetAsync();
        var empty = await server.CreateDatabaseAsync("noschema");

        var output = await RunHostAsync(empty);

        Assert.Contains("has FlowGrains schema version 0; this build needs", output);
        Assert.Contains("-- migrate --profile postgres", output);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("c2hvcnQ=")]
    public async Task MissingOrShortEncryptionKey_StopsTheHostNamingTheSetting(string? key)
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("nokey");
        Assert.Equal(0, (await RunMigrateAsync(database)).ExitCode);

        var output = await RunHostAsync(database, key);

        Assert.Contains("The postgres profile needs FlowGrains:ConnectorProfiles:EncryptionKey (environment FlowGrains__ConnectorProfiles__EncryptionKey)", output);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("fifteen-chars-x")]
    public async Task MissingOrShortPaginationKey_StopsTheHostNamingTheSetting(string? key)
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("nopagekey");
        Assert.Equal(0, (await RunMigrateAsync(database)).ExitCode);

        var output = await RunHostAsync(database, Convert.ToBase64String(new byte[32]), paginationKey: key);

        Assert.Contains("The postgres profile needs FlowGrains:PaginationKey (environment FlowGrains__PaginationKey)", output);
    }

    [Fact]
    public async Task ThePostgresProfileWithoutAccessKeys_StopsTheHostSayingHowToAddOne()
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("nokeys");
        Assert.Equal(0, (await RunMigrateAsync(database)).ExitCode);

        var output = await RunHostAsync(database, Convert.ToBase64String(new byte[32]));

        Assert.Contains("The postgres profile needs access keys: configure one under FlowGrains:Auth:Keys (environment FlowGrains__Auth__Keys__0__Id", output);
    }

    [Fact]
    public async Task AConnectionBudgetThatIsNoCount_StopsTheHostNamingTheSetting()
    {
        var output = await RunHostAsync("Host=127.0.0.1;Database=flows", extra: new() { ["FlowGrains__Database__MaxConnections"] = "lots" });

        Assert.Contains("FlowGrains:Database:MaxConnections is 'lots'; it must be a whole number of connections from 2 to 10000.", output);
    }

    [Fact]
    public async Task MigrateCommand_OnAnEmptyDatabase_AppliesTheSchema_AndASecondRunChangesNothing()
    {
        var server = await SharedPostgres.GetAsync();
        var empty = await server.CreateDatabaseAsync("migrate");

        var (first, firstOutput) = await RunMigrateAsync(empty);
        var (second, secondOutput) = await RunMigrateAsync(empty);

        Assert.Equal(0, first);
        Assert.Contains($"Applied FlowGrains schema version(s) {string.Join(", ", Postgres.Schema.SchemaMigration.All.Select(step => step.Version))};", firstOutput);
        Assert.Equal(0, second);
        Assert.Contains("nothing to apply", secondOutput);
        await using var connection = new NpgsqlConnection(empty);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM orleansquery", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= 20);
    }

    private static async Task<string> RunHostAsync(
        string? connectionString, string? encryptionKey = null, Dictionary<string, string>? extra = null, string? paginationKey = "integration-pagination-key")
    {
        var environment = new Dictionary<string, string>(extra ?? []) { ["FLOWGRAINS_PROFILE"] = "postgres", ["urls"] = "http://127.0.0.1:0" };
        if (connectionString is not null)
        {
            environment["ConnectionStrings__FlowGrains"] = connectionString;
        }

        if (encryptionKey is not null)
        {
            environment["FlowGrains__ConnectorProfiles__EncryptionKey"] = encryptionKey;
        }

        if (paginationKey is not null)
        {
            environment["FlowGrains__PaginationKey"] = paginationKey;
        }

        await using var host = HostProcess.Start(environment, httpPort: 0, siloPort: 0);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, exitCode);
        return host.Output;
    }

    private static async Task<(int ExitCode, string Output)> RunMigrateAsync(string connectionString)
    {
        var environment = new Dictionary<string, string> { ["FLOWGRAINS_PROFILE"] = "postgres", ["ConnectionStrings__FlowGrains"] = connectionString };
        await using var host = HostProcess.Start(environment, httpPort: 0, siloPort: 0, "migrate");
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exitCode, host.Output);
    }
}
