using FlowGrains.Grains.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.TestingHost;

namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// Real silos keep their membership in the FlowGrains schema: silos of an <see cref="InProcessTestCluster"/> wired
/// with <c>UseFlowGrainsPostgres</c> join as Active, a stopped silo leaves as Dead on its own vote, and a killed
/// silo that can no longer say goodbye is declared Dead by the silo that survives it.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ClusterMembershipTests(ProviderDatabase database) : IClassFixture<ProviderDatabase>
{
    private const string VictimName = "Silo_0";
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Silos_JoinActive_LeaveDeadWhenStopped_AndAKilledSiloIsDeclaredDeadByTheSurvivor()
    {
        // The silo to be killed uses its own database role, so the test can cut it off from the database before
        // the kill: in-process, a "killed" silo still writes its own Dead row while shutting down, and only a
        // silo that cannot reach the table shows that the survivor declares the death.
        var victimRole = $"victim_{Guid.NewGuid():N}";
        await ExecuteAsync(
            $"""CREATE ROLE "{victimRole}" LOGIN""",
            $"""GRANT ALL ON ALL TABLES IN SCHEMA public TO "{victimRole}" """,
            $"""GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO "{victimRole}" """);
        var victimConnectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = victimRole }.ConnectionString;

        var builder = new InProcessTestClusterBuilder(2);

        // No test client: it would look for gateways in the in-memory table that the silos no longer use.
        builder.Options.InitializeClientOnDeploy = false;
        builder.ConfigureSiloHost((_, host) => host.ConfigureContainer(
            new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }),
            UseOnlyTheAdoNetMembershipTable));
        builder.ConfigureSilo((options, silo) =>
        {
            silo.UseFlowGrainsPostgres(options.SiloName == VictimName ? victimConnectionString : database.ConnectionString);
            silo.Configure<ClusterMembershipOptions>(membership =>
            {
                // Quick enough for a test, slack enough that a busy machine does not declare a live silo dead.
                membership.ProbeTimeout = TimeSpan.FromSeconds(2);
                membership.NumMissedProbesLimit = 3;
                membership.NumVotesForDeathDeclaration = 1;

                // Bounds how long the cut-off silo keeps retrying its own goodbye before its shutdown goes on.
                membership.MaxJoinAttemptTime = TimeSpan.FromSeconds(5);
            });
        });
        await using var cluster = builder.Build();
        var clusterId = cluster.Options.ClusterId;
        try
        {
            await cluster.DeployAsync();
            var victim = cluster.Silos.Single(silo => silo.Name == VictimName);
            var secondary = cluster.Silos.Single(silo => silo.Name != VictimName);

            var joined = await RowsAsync(clusterId);
            Assert.Equal(2, joined.Count);
            Assert.Equal(Active, joined[victim.SiloAddress].Status);
            Assert.Equal(Active, joined[secondary.SiloAddress].Status);

            await cluster.StopSiloAsync(secondary);

            var left = await RowsAsync(clusterId);
            Assert.Equal(Dead, left[secondary.SiloAddress].Status);
            Assert.Contains(secondary.SiloAddress.ToParsableString(), left[secondary.SiloAddress].SuspectTimes);
            Assert.Equal(Active, left[victim.SiloAddress].Status);

            var survivor = await cluster.StartAdditionalSiloAsync();
            Assert.Equal(Active, (await RowsAsync(clusterId))[survivor.SiloAddress].Status);
            await ExecuteAsync(
                $"""ALTER ROLE "{victimRole}" NOLOGIN""",
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{victimRole}'");
            await cluster.KillSiloAsync(victim);

            var declared = await Eventually.MatchesAsync(
                () => RowsAsync(clusterId),
                rows => rows[victim.SiloAddress].Status == Dead,
                "the survivor to declare the killed silo Dead in orleans_membership",
                timeoutMs: 30_000);
            Assert.Contains(survivor.SiloAddress.ToParsableString(), declared[victim.SiloAddress].SuspectTimes);
            Assert.DoesNotContain(victim.SiloAddress.ToParsableString(), declared[victim.SiloAddress].SuspectTimes);
            Assert.Equal(Active, declared[survivor.SiloAddress].Status);
            Assert.Equal(3, declared.Count);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await ExecuteAsync(
                $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '{victimRole}'",
                $"""DROP OWNED BY "{victimRole}" """,
                $"""DROP ROLE "{victimRole}" """);
        }
    }

    /// <summary>
    /// The test cluster registers its in-memory membership table after every silo configuration delegate (its switch
    /// for that is internal), so the container is adjusted when it is built: the table of <c>UseFlowGrainsPostgres</c>
    /// is the only one left.
    /// </summary>
    private static void UseOnlyTheAdoNetMembershipTable(IServiceCollection services)
    {
        var others = services.Where(service => service.ServiceType == typeof(IMembershipTable) && service.ImplementationType != typeof(AdoNetClusteringTable)).ToList();
        foreach (var other in others)
        {
            services.Remove(other);
        }

        Assert.Single(services, service => service.ServiceType == typeof(IMembershipTable));
    }

    private async Task<Dictionary<SiloAddress, (int Status, string SuspectTimes)>> RowsAsync(string clusterId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT address, port, generation, status, coalesce(suspect_times, '') FROM orleans_membership WHERE deployment_id = @cluster",
            connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new Dictionary<SiloAddress, (int, string)>();
        while (await reader.ReadAsync())
        {
            var address = SiloAddress.FromParsableString($"{reader.GetString(0)}:{reader.GetInt32(1)}@{reader.GetInt32(2)}");
            rows[address] = (reader.GetInt32(3), reader.GetString(4));
        }

        return rows;
    }

    private async Task ExecuteAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
