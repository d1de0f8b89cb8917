using System.Collections.Concurrent;
using System.Collections.Immutable;
using FlowGrains.Contracts;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.Hosting;
using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace FlowGrains.Integration.Tests.Cluster;

/// <summary>A silo opens no more connections than its budget; under load, work waits for one instead of failing.</summary>
public sealed class ConnectionBudgetTests
{
    [Fact]
    public void TheBudget_CapsThePool_WaitsThirtySeconds_AndNamesThePool()
    {
        var budgeted = new NpgsqlConnectionStringBuilder(PostgresConnectionSettings.WithBudget("Host=db;Database=flows;Maximum Pool Size=100", 12));

        Assert.Equal(12, budgeted.MaxPoolSize);
        Assert.Equal(30, budgeted.Timeout);
        Assert.Equal("flowgrains", budgeted.ApplicationName);
    }

    [Fact]
    public void TheBudget_KeepsAWaitAndANameTheStringSets()
    {
        var budgeted = new NpgsqlConnectionStringBuilder(PostgresConnectionSettings.WithBudget("Host=db;Timeout=7;Application Name=silo-a;Minimum Pool Size=50", 10));

        Assert.Equal(7, budgeted.Timeout);
        Assert.Equal("silo-a", budgeted.ApplicationName);
        Assert.Equal(10, budgeted.MinPoolSize);
    }

    [Theory]
    [InlineData(null, 40)]
    [InlineData("2", 2)]
    [InlineData("250", 250)]
    public void TheBudgetSetting_IsACountOfConnections_FortyWhenUnset(string? setting, int expected)
    {
        Assert.Equal(expected, PostgresConnectionSettings.MaxConnections(setting));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-5")]
    [InlineData("forty")]
    [InlineData("10001")]
    public void ABudgetThatIsNoCount_IsRefusedNamingTheSetting(string setting)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => PostgresConnectionSettings.MaxConnections(setting));

        Assert.Equal($"FlowGrains:Database:MaxConnections is '{setting}'; it must be a whole number of connections from 2 to 10000.", refused.Message);
    }

    [Fact]
    public async Task ASiloUnderLoad_NeverOpensMoreThanItsBudget_AndEveryStartSucceeds()
    {
        const int budget = 4;
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        var connectionString = PostgresConnectionSettings.WithBudget(database.ConnectionString, budget);
        var dataRoot = Directory.CreateTempSubdirectory("flowgrains-budget-").FullName;
        Directory.CreateDirectory(Path.Combine(dataRoot, "in"));
        await File.WriteAllTextAsync(Path.Combine(dataRoot, "in", "rows.csv"), "id\n1\n");
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddFlowGrainsPostgresStorage(connectionString).UseFlowGrainsPostgresReminders(connectionString);
            silo.AddFlowGrains();
            silo.Services.Configure<FlowGrainsOptions>(options => options.DataRoot = dataRoot);

            // Starts of one flow are written together now, faster than its runs end: the run limit is not what this test is about.
            silo.Services.Configure<RunsOptions>(options => options.MaxConcurrentRunsPerFlow = 64);
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        using var sampling = new CancellationTokenSource();
        var seen = new ConcurrentBag<long>();
        var sampler = SampleConnectionsAsync(database.ConnectionString, seen, sampling.Token);
        try
        {
            var flows = Enumerable.Range(0, 16).Select(i => cluster.Client.GetFlowGrain($"budget-{i}")).ToList();
            await Task.WhenAll(flows.Select((flow, i) => flow.CreateFlowAsync(new CreateFlowRequest(Definition(i), ImmutableSortedDictionary<string, string>.Empty))));

            var started = await Task.WhenAll(Enumerable.Range(0, 64).Select(async caller =>
            {
                var ids = new List<string>();
                for (var call = 0; call < 8; call++)
                {
                    var result = await flows[(caller + call) % flows.Count].StartFlowAsync(
                        new StartFlowRequest($"token-{caller}-{call}", ImmutableSortedDictionary<string, string>.Empty));
                    ids.Add(result.ExecutionId!);
                }

                return ids;
            }));

            Assert.Equal(512, started.SelectMany(ids => ids).Distinct().Count());
        }
        finally
        {
            await sampling.CancelAsync();
            await sampler;
            await cluster.StopAllSilosAsync();
            Directory.Delete(dataRoot, recursive: true);
        }

        Assert.NotEmpty(seen);
        Assert.InRange(seen.Max(), 1, budget);
    }

    private static FlowDefinition Definition(int index)
    {
        ConnectorConfig Folder(string path) => new(
            "LocalFolder", ImmutableSortedDictionary.CreateRange(new Dictionary<string, string> { ["path"] = path, ["fileType"] = "CSV" }));
        return new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), Folder("in"), [Folder($"out-{index}")], []);
    }

    /// <summary>Counts the silo's connections (its pool is named flowgrains) every few milliseconds, on a connection of the test's own.</summary>
    private static async Task SampleConnectionsAsync(string connectionString, ConcurrentBag<long> seen, CancellationToken stop)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "budget-sampler", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'flowgrains'", connection);
        while (!stop.IsCancellationRequested)
        {
            seen.Add((long)(await count.ExecuteScalarAsync(CancellationToken.None))!);
            await Task.Delay(5, CancellationToken.None);
        }
    }
}
