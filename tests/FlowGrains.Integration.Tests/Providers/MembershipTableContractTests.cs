using System.Net;
using FlowGrains.Connectors.Egress;
using FlowGrains.Postgres.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Runtime.Membership;

namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// The FlowGrains schema keeps Orleans' membership contract through the ADO.NET clustering provider: a silo joins
/// once per table version, a change applies only with the version last read and moves it on, heartbeats never
/// move it, suspicion votes round-trip, defunct rows are cleaned by age and status, and clients are offered
/// only active gateways.
/// </summary>
public sealed class MembershipTableContractTests(ProviderDatabase database) : IClassFixture<ProviderDatabase>
{
    private static readonly DateTime T0 = new(2026, 3, 1, 12, 0, 0, 125, DateTimeKind.Utc);

    [Fact]
    public async Task ReadAll_OfANewCluster_HasNoMembersAndVersionZero()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.Equal("0", data.Version.VersionEtag);
    }

    [Fact]
    public async Task InsertRow_OfANewSilo_JoinsWithItsFieldsAndANewTableVersion()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var silo = Entry(1, SiloStatus.Joining, proxyPort: 30001);

        var inserted = await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next());

        Assert.True(inserted);
        var data = await table.ReadAllAsync();
        var (member, etag) = Assert.Single(data.Members);
        AssertSameMember(silo, member);
        Assert.Equal(1, data.Version.Version);
        Assert.Equal("1", etag);
    }

    [Fact]
    public async Task InsertRow_OfASiloAlreadyInTheTable_ReturnsFalseAndChangesNothing()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var silo = Entry(1, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        var again = Entry(1, SiloStatus.Joining);
        again.SiloName = "impostor";

        var inserted = await table.InsertRowAsync(again, (await table.ReadAllAsync()).Version.Next());

        Assert.False(inserted);
        var data = await table.ReadAllAsync();
        AssertSameMember(silo, Assert.Single(data.Members).Item1);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task InsertRow_WithAStaleTableVersion_ReturnsFalseAndChangesNothing()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var stale = (await table.ReadAllAsync()).Version;
        Assert.True(await table.InsertRowAsync(Entry(1, SiloStatus.Active), stale.Next()));

        var inserted = await table.InsertRowAsync(Entry(2, SiloStatus.Joining), stale.Next());

        Assert.False(inserted);
        var data = await table.ReadAllAsync();
        Assert.Equal(Entry(1, SiloStatus.Active).SiloAddress, Assert.Single(data.Members).Item1.SiloAddress);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_WithTheCurrentEtag_ChangesTheStatusAndMovesTheVersion()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var silo = Entry(1, SiloStatus.Active, proxyPort: 30001);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();
        var (leaving, etag) = read.Members[0];
        leaving.Status = SiloStatus.Dead;
        leaving.IAmAliveTime = T0.AddSeconds(30);

        var updated = await table.UpdateRowAsync(leaving, etag, read.Version.Next());

        Assert.True(updated);
        var data = await table.ReadAllAsync();
        var expected = Entry(1, SiloStatus.Dead, proxyPort: 30001);
        expected.IAmAliveTime = T0.AddSeconds(30);
        AssertSameMember(expected, Assert.Single(data.Members).Item1);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_WithAStaleEtag_ReturnsFalseAndChangesNothing()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        var staleRead = await table.ReadAllAsync();
        Assert.True(await table.InsertRowAsync(Entry(2, SiloStatus.Active), staleRead.Version.Next()));
        var (entry, staleEtag) = staleRead.Members[0];
        entry.Status = SiloStatus.Dead;

        // The etag and the table version of one earlier read, as a silo that missed a change would send them.
        var updated = await table.UpdateRowAsync(entry, staleEtag, staleRead.Version.Next());

        Assert.False(updated);
        var data = await table.ReadAllAsync();
        Assert.Equal(SiloStatus.Active, data.TryGet(entry.SiloAddress)!.Item1.Status);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_OfASiloNotInTheTable_ReturnsFalseAndKeepsTheVersion()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();

        var updated = await table.UpdateRowAsync(Entry(2, SiloStatus.Dead), read.Version.VersionEtag, read.Version.Next());

        Assert.False(updated);
        var data = await table.ReadAllAsync();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task UpdateRow_WithSuspicionVotes_RoundTripsTheVoteList()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        Assert.True(await table.InsertRowAsync(Entry(1, SiloStatus.Active), (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();
        var (suspect, etag) = read.Members[0];
        suspect.AddSuspector(Entry(2, SiloStatus.Active).SiloAddress, T0.AddSeconds(5));
        suspect.AddSuspector(Entry(3, SiloStatus.Active).SiloAddress, T0.AddSeconds(7).AddMilliseconds(999));

        Assert.True(await table.UpdateRowAsync(suspect, etag, read.Version.Next()));
        var votes = (await table.ReadAllAsync()).Members[0].Item1.SuspectTimes;

        Assert.NotNull(votes);
        Assert.Equal(
            [(Entry(2, SiloStatus.Active).SiloAddress, T0.AddSeconds(5)), (Entry(3, SiloStatus.Active).SiloAddress, T0.AddSeconds(7).AddMilliseconds(999))],
            votes.Select(vote => (vote.Item1, vote.Item2)));
    }

    [Fact]
    public async Task UpdateIAmAlive_ChangesOnlyTheAliveTimeAndNotTheVersion()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var silo = Entry(1, SiloStatus.Active, proxyPort: 30001);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        var heartbeat = Entry(1, SiloStatus.Dead, proxyPort: 30001);
        heartbeat.SiloName = "not-stored";
        heartbeat.IAmAliveTime = T0.AddMinutes(1).AddMilliseconds(7);

        await table.UpdateIAmAliveAsync(heartbeat);

        var data = await table.ReadAllAsync();
        var expected = Entry(1, SiloStatus.Active, proxyPort: 30001);
        expected.IAmAliveTime = T0.AddMinutes(1).AddMilliseconds(7);
        AssertSameMember(expected, Assert.Single(data.Members).Item1);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_RemovesDeadSilosOlderThanTheCutoffAndKeepsTheRest()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var cutoff = T0.AddHours(1);
        var deadOld = Entry(1, SiloStatus.Dead);
        var deadOldWithVotes = Entry(2, SiloStatus.Dead);
        deadOldWithVotes.AddSuspector(Entry(9, SiloStatus.Active).SiloAddress, T0.AddMinutes(1));
        var activeOld = Entry(3, SiloStatus.Active);
        var deadRecent = Entry(4, SiloStatus.Dead);
        deadRecent.IAmAliveTime = cutoff.AddMinutes(1);
        await InsertAsync(table, deadOld, deadOldWithVotes, activeOld, deadRecent);

        await table.CleanupDefunctSiloEntriesAsync(cutoff);

        var remaining = (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress).Order().ToList();
        Assert.Equal(new[] { activeOld.SiloAddress, deadRecent.SiloAddress }.Order(), remaining);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_OfAnOldDeadSiloWhoseVoteListWasEmptied_RemovesIt()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var silo = Entry(1, SiloStatus.Active);
        Assert.True(await table.InsertRowAsync(silo, (await table.ReadAllAsync()).Version.Next()));
        var read = await table.ReadAllAsync();
        var (dead, etag) = read.Members[0];
        dead.Status = SiloStatus.Dead;

        // An emptied vote list is stored as '' and read back as "no votes", like a NULL one.
        dead.SuspectTimes = [];
        Assert.True(await table.UpdateRowAsync(dead, etag, read.Version.Next()));

        await table.CleanupDefunctSiloEntriesAsync(T0.AddHours(1));

        Assert.Empty((await table.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task CleanupDefunctSiloEntriesQuery_RemovesOnlyDeadRowsOfTheClusterAliveBeforeTheCutoff()
    {
        // Orleans 10.4.2 runs this set-based key only when the per-row CleanupDefunctSiloEntryKey is absent, so
        // the provider never reaches it here; it is run directly, with the parameters the provider would bind.
        using var host = ProviderHost.Create(database.ConnectionString);
        using var other = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var otherTable = await other.MembershipTableAsync();
        var cutoff = T0.AddHours(1);
        var deadRecent = Entry(3, SiloStatus.Dead);
        deadRecent.IAmAliveTime = cutoff.AddSeconds(1);
        await InsertAsync(table, Entry(1, SiloStatus.Dead), Entry(2, SiloStatus.Active), deadRecent);
        await InsertAsync(otherTable, Entry(1, SiloStatus.Dead));

        await using (var connection = new NpgsqlConnection(database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(await QueryTextAsync(connection, "CleanupDefunctSiloEntriesKey"), connection);
            command.Parameters.AddWithValue("DeploymentId", host.ClusterId);
            command.Parameters.AddWithValue("IAmAliveTime", cutoff);
            await command.ExecuteNonQueryAsync();
        }

        var remaining = (await table.ReadAllAsync()).Members.Select(member => member.Item1.SiloAddress).Order().ToList();
        Assert.Equal(new[] { Entry(2, SiloStatus.Active).SiloAddress, deadRecent.SiloAddress }.Order(), remaining);
        Assert.Single((await otherTable.ReadAllAsync()).Members);
    }

    [Fact]
    public async Task ReadRow_OfAnUnknownSilo_ReturnsNoMemberButTheTableVersion()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        await InsertAsync(table, Entry(1, SiloStatus.Active), Entry(2, SiloStatus.Active));

        var data = await table.ReadRowAsync(Entry(3, SiloStatus.Active).SiloAddress);

        Assert.Empty(data.Members);
        Assert.Equal(2, data.Version.Version);
    }

    [Fact]
    public async Task ReadRow_OfAKnownSilo_ReturnsOnlyThatSiloAndTheTableVersion()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var wanted = Entry(2, SiloStatus.Active, proxyPort: 30002);
        await InsertAsync(table, Entry(1, SiloStatus.Active), wanted, Entry(3, SiloStatus.Active));

        var data = await table.ReadRowAsync(wanted.SiloAddress);

        var (member, etag) = Assert.Single(data.Members);
        AssertSameMember(wanted, member);
        Assert.Equal(3, data.Version.Version);
        Assert.Equal("3", etag);
    }

    [Fact]
    public async Task ReadAll_OfOneCluster_ShowsNoSiloOfAnother()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        using var other = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var otherTable = await other.MembershipTableAsync();
        await InsertAsync(otherTable, Entry(1, SiloStatus.Active), Entry(2, SiloStatus.Active));

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
    }

    [Fact]
    public async Task GetGateways_ListsOnlyActiveSilosWithAProxyPort()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        using var other = ProviderHost.Create(database.ConnectionString);
        var table = await host.MembershipTableAsync();
        var gateway = Entry(1, SiloStatus.Active, proxyPort: 30001);
        await InsertAsync(
            table,
            gateway,
            Entry(2, SiloStatus.Active, proxyPort: 0),
            Entry(3, SiloStatus.Dead, proxyPort: 30003),
            Entry(4, SiloStatus.Joining, proxyPort: 30004),
            Entry(5, SiloStatus.ShuttingDown, proxyPort: 30005));
        await InsertAsync(await other.MembershipTableAsync(), Entry(6, SiloStatus.Active, proxyPort: 30006));

        // The client side of the same provider, as a client of this cluster would configure it.
        var gateways = new AdoNetGatewayListProvider(
            NullLogger<AdoNetGatewayListProvider>.Instance,
            host.Services,
            Options.Create(new AdoNetClusteringClientOptions
            {
                Invariant = PostgresSiloBuilderExtensions.Invariant,
                ConnectionString = database.ConnectionString,
            }),
            Options.Create(new GatewayOptions()),
            host.Services.GetRequiredService<IOptions<ClusterOptions>>());
        await gateways.InitializeGatewayListProvider();

        var listed = await gateways.GetGateways();

        Assert.Equal([SiloAddress.New(new IPEndPoint(gateway.SiloAddress.Endpoint.Address, 30001), gateway.SiloAddress.Generation).ToGatewayUri()], listed);
    }

    /// <summary>Silo <paramref name="number"/> of a test: its own address, port and generation; started and alive at <see cref="T0"/>.</summary>
    private static MembershipEntry Entry(int number, SiloStatus status, int proxyPort = 0) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Parse($"10.0.0.{number}"), 11110 + number), 400_000_000 + number),
        Status = status,
        SiloName = $"silo-{number}",
        HostName = $"host-{number}",
        ProxyPort = proxyPort,
        StartTime = T0,
        IAmAliveTime = T0,
    };

    private static async Task InsertAsync(IMembershipTable table, params MembershipEntry[] entries)
    {
        foreach (var entry in entries)
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()), $"inserting {entry.SiloAddress}");
        }
    }

    private static void AssertSameMember(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.SiloAddress, actual.SiloAddress);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.SiloName, actual.SiloName);
        Assert.Equal(expected.HostName, actual.HostName);
        Assert.Equal(expected.ProxyPort, actual.ProxyPort);
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(DateTimeKind.Utc, actual.StartTime.Kind);
        Assert.Equal(DateTimeKind.Utc, actual.IAmAliveTime.Kind);
        Assert.Equal(
            expected.SuspectTimes?.Select(vote => (vote.Item1, vote.Item2)) ?? [],
            actual.SuspectTimes?.Select(vote => (vote.Item1, vote.Item2)) ?? []);
    }

    private static async Task<string> QueryTextAsync(NpgsqlConnection connection, string key)
    {
        await using var command = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
