using FlowGrains.Grains.Hosting;
using Npgsql;
using Orleans.Storage;

namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// The FlowGrains schema keeps Orleans' grain-storage contract through the ADO.NET provider behind the
/// <see cref="FlowStorageNames.Provider"/> storage: a write applies only with the etag last read (none for a new
/// row) and yields a new one, a clear deletes the row, state names and keys are separate rows, and an etag is never
/// handed out twice for one row, even after the row was deleted and written again.
/// </summary>
public sealed class GrainStorageContractTests(ProviderDatabase database) : IClassFixture<ProviderDatabase>
{
    private const string StateName = "counter";

    [Fact]
    public async Task WriteThenRead_ReturnsTheStateAndAnEtag()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var written = State("ada", 3);

        await storage.WriteStateAsync(StateName, grain, written);
        var read = new GrainState<CounterState>();
        await storage.ReadStateAsync(StateName, grain, read);

        Assert.NotNull(written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.Equal(("ada", 3), (read.State!.Owner, read.State!.Count));
    }

    [Fact]
    public async Task Read_OfARowNeverWritten_ReturnsANewStateWithoutEtag()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var read = new GrainState<CounterState>();

        await storage.ReadStateAsync(StateName, NewGrain(), read);

        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(("", 0), (read.State!.Owner, read.State!.Count));
    }

    [Fact]
    public async Task Write_WithTheCurrentEtag_SucceedsAndChangesTheEtag()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var state = State("ada", 1);
        await storage.WriteStateAsync(StateName, grain, state);
        var first = state.ETag;

        state.State!.Count = 2;
        await storage.WriteStateAsync(StateName, grain, state);

        Assert.NotEqual(first, state.ETag);
        var read = await ReadAsync(storage, grain);
        Assert.Equal((state.ETag, 2), (read.ETag, read.State!.Count));
    }

    [Fact]
    public async Task Write_WithAStaleEtag_ThrowsInconsistentStateAndLeavesTheStoredStateUnchanged()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var current = State("ada", 1);
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = await ReadAsync(storage, grain);
        current.State!.Count = 2;
        await storage.WriteStateAsync(StateName, grain, current);

        stale.State!.Count = 99;
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.Equal((current.ETag, 2), (read.ETag, read.State!.Count));
    }

    [Fact]
    public async Task FirstWrite_OverAnExistingRow_ThrowsInconsistentStateAndLeavesTheRowUnchanged()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var existing = State("ada", 1);
        await storage.WriteStateAsync(StateName, grain, existing);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, State("bob", 7)));

        var read = await ReadAsync(storage, grain);
        Assert.Equal((existing.ETag, "ada", 1), (read.ETag, read.State!.Owner, read.State!.Count));
    }

    [Fact]
    public async Task ConcurrentFirstWrites_OfOneRow_ExactlyOneSucceeds()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var writers = Enumerable.Range(0, 8).Select(index => State($"writer-{index}", index)).ToList();

        var outcomes = await Task.WhenAll(writers.Select(writer => Outcome(storage.WriteStateAsync(StateName, grain, writer))));

        Assert.Equal(1, outcomes.Count(succeeded => succeeded));
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = await ReadAsync(storage, grain);
        Assert.Equal((winner.ETag, winner.State!.Owner), (read.ETag, read.State!.Owner));
    }

    [Fact]
    public async Task ConcurrentWrites_WithOneEtag_ExactlyOneSucceeds()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        await storage.WriteStateAsync(StateName, grain, State("ada", 0));
        var writers = new List<GrainState<CounterState>>();
        for (var index = 0; index < 8; index++)
        {
            var writer = await ReadAsync(storage, grain);
            writer.State!.Count = index + 1;
            writers.Add(writer);
        }

        var outcomes = await Task.WhenAll(writers.Select(writer => Outcome(storage.WriteStateAsync(StateName, grain, writer))));

        Assert.Equal(1, outcomes.Count(succeeded => succeeded));
        var winner = writers[Array.IndexOf(outcomes, true)];
        var read = await ReadAsync(storage, grain);
        Assert.Equal((winner.ETag, winner.State!.Count), (read.ETag, read.State!.Count));
    }

    [Fact]
    public async Task Clear_RemovesTheRow_AndAWriteAfterItSucceeds()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var state = State("ada", 1);
        await storage.WriteStateAsync(StateName, grain, state);
        Assert.Equal(1, await RowCountAsync(host.ServiceId));

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        var read = await ReadAsync(storage, grain);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(0, await RowCountAsync(host.ServiceId));

        state.State = new CounterState { Owner = "bob", Count = 2 };
        await storage.WriteStateAsync(StateName, grain, state);
        var again = await ReadAsync(storage, grain);
        Assert.Equal((state.ETag, "bob", 2), (again.ETag, again.State!.Owner, again.State!.Count));
    }

    [Fact]
    public async Task Clear_WithAStaleEtag_ThrowsInconsistentStateAndKeepsTheRow()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var current = State("ada", 1);
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = await ReadAsync(storage, grain);
        current.State!.Count = 2;
        await storage.WriteStateAsync(StateName, grain, current);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        var read = await ReadAsync(storage, grain);
        Assert.Equal((current.ETag, 2), (read.ETag, read.State!.Count));
    }

    [Fact]
    public async Task DifferentStateNames_OfOneGrain_AreIndependentRows()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var first = State("first", 1);
        var second = State("second", 2);

        await storage.WriteStateAsync("first", grain, first);
        await storage.WriteStateAsync("second", grain, second);
        await storage.ClearStateAsync("first", grain, first);

        var readFirst = await ReadAsync(storage, grain, "first");
        var readSecond = await ReadAsync(storage, grain, "second");
        Assert.False(readFirst.RecordExists);
        Assert.Equal((second.ETag, "second", 2), (readSecond.ETag, readSecond.State!.Owner, readSecond.State!.Count));
    }

    [Fact]
    public async Task IntegerGuidAndStringKeys_AreIndependentRowsThatReadBack()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var guid = Guid.NewGuid();
        var grains = new[]
        {
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateIntegerKey(-42)),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateIntegerKey(-42, "ext")),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateGuidKey(guid)),
            GrainId.Create(GrainType.Create("counter"), GrainIdKeyExtensions.CreateGuidKey(guid, "ext")),
            NewGrain(),
        };

        for (var index = 0; index < grains.Length; index++)
        {
            await storage.WriteStateAsync(StateName, grains[index], State($"key-{index}", index));
        }

        for (var index = 0; index < grains.Length; index++)
        {
            var read = await ReadAsync(storage, grains[index]);
            Assert.Equal(($"key-{index}", index), (read.State!.Owner, read.State!.Count));
        }
    }

    [Fact]
    public async Task RowDeletedAndWrittenAgain_NeverReusesAnOldEtag_SoAWriterFromBeforeTheDeleteFails()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var storage = await host.FlowsStorageAsync();
        var grain = NewGrain();
        var owner = State("ada", 1);
        await storage.WriteStateAsync(StateName, grain, owner);
        var before = await ReadAsync(storage, grain);
        var seen = new HashSet<string> { owner.ETag! };

        // Delete and re-create the row a few times; each life must get etags never seen for this row before.
        for (var life = 0; life < 3; life++)
        {
            await storage.ClearStateAsync(StateName, grain, owner);
            owner.State = new CounterState { Owner = $"life-{life}", Count = 1 };
            await storage.WriteStateAsync(StateName, grain, owner);
            Assert.True(seen.Add(owner.ETag!), $"etag {owner.ETag} was handed out twice");
            owner.State!.Count = 2;
            await storage.WriteStateAsync(StateName, grain, owner);
            Assert.True(seen.Add(owner.ETag!), $"etag {owner.ETag} was handed out twice");
        }

        before.State = new CounterState { Owner = "stale", Count = 99 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, before));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, before));

        var read = await ReadAsync(storage, grain);
        Assert.Equal((owner.ETag, "life-2", 2), (read.ETag, read.State!.Owner, read.State!.Count));
    }

    // Not a bare Guid: a string key that parses as one is stored as a Guid key.
    private static GrainId NewGrain() => GrainId.Create("counter", $"counter-{Guid.NewGuid():N}");

    private static GrainState<CounterState> State(string owner, int count) =>
        new(new CounterState { Owner = owner, Count = count });

    private static async Task<GrainState<CounterState>> ReadAsync(IGrainStorage storage, GrainId grain, string stateName = StateName)
    {
        var state = new GrainState<CounterState>();
        await storage.ReadStateAsync(stateName, grain, state);
        return state;
    }

    private static async Task<bool> Outcome(Task write)
    {
        try
        {
            await write;
            return true;
        }
        catch (InconsistentStateException)
        {
            return false;
        }
    }

    private async Task<long> RowCountAsync(string serviceId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleans_grain_state WHERE service_id = @service", connection);
        command.Parameters.AddWithValue("service", serviceId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

/// <summary>A small state for the storage contract tests.</summary>
[GenerateSerializer]
public sealed class CounterState
{
    [Id(0)] public string Owner { get; set; } = "";

    [Id(1)] public int Count { get; set; }
}
