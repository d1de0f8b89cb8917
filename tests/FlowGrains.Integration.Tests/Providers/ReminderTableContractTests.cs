namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// The FlowGrains schema keeps Orleans' reminder-table contract through the ADO.NET reminders provider: an
/// upsert stores the start time to the millisecond, the period and a new etag; reads by grain and by ring range
/// (begin exclusive, end inclusive, wrapping past the top of the ring) return exactly the matching reminders of
/// the service; a removal applies only with the current etag.
/// </summary>
public sealed class ReminderTableContractTests(ProviderDatabase database) : IClassFixture<ProviderDatabase>
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 0, 0, 987, DateTimeKind.Utc);

    [Fact]
    public async Task Upsert_ReturnsAnEtag_AndReadRowReturnsTheSameStartPeriodAndEtag()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var grain = Grain("ada");
        var daily = Reminder(grain, "daily", TimeSpan.FromDays(1));
        var monthly = Reminder(grain, "monthly", TimeSpan.FromDays(31));

        var dailyEtag = await table.UpsertRow(daily);
        var monthlyEtag = await table.UpsertRow(monthly);

        Assert.False(string.IsNullOrEmpty(dailyEtag));
        Assert.False(string.IsNullOrEmpty(monthlyEtag));
        AssertSameReminder(daily, dailyEtag!, await table.ReadRow(grain, "daily"));

        // Longer than int.MaxValue milliseconds: the provider binds this period as a 64-bit value.
        AssertSameReminder(monthly, monthlyEtag!, await table.ReadRow(grain, "monthly"));
    }

    [Fact]
    public async Task ReadRow_OfAnUnknownReminder_ReturnsNull()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        await table.UpsertRow(Reminder(Grain("ada"), "daily", TimeSpan.FromDays(1)));

        Assert.Null(await table.ReadRow(Grain("ada"), "weekly"));
        Assert.Null(await table.ReadRow(Grain("bob"), "daily"));
    }

    [Fact]
    public async Task Upsert_OfTheSameNameAgain_ReplacesStartAndPeriodAndChangesTheEtag()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var grain = Grain("ada");
        var first = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(5)));
        var changed = Reminder(grain, "tick", TimeSpan.FromMinutes(7));
        changed.StartAt = Start.AddHours(2).AddMilliseconds(1);

        var second = await table.UpsertRow(changed);

        Assert.NotEqual(first, second);
        AssertSameReminder(changed, second!, await table.ReadRow(grain, "tick"));
        Assert.Single((await table.ReadRows(grain)).Reminders);
    }

    [Fact]
    public async Task ReadRowsOfAGrain_ReturnsAllItsRemindersAndNoOtherGrains()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        using var otherService = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var ada = Grain("ada");
        foreach (var name in (string[])["a", "b", "c"])
        {
            await table.UpsertRow(Reminder(ada, name, TimeSpan.FromMinutes(5)));
        }

        await table.UpsertRow(Reminder(Grain("bob"), "a", TimeSpan.FromMinutes(5)));
        await (await otherService.ReminderTableAsync()).UpsertRow(Reminder(ada, "d", TimeSpan.FromMinutes(5)));

        var rows = await table.ReadRows(ada);

        Assert.Equal(["a", "b", "c"], rows.Reminders.Select(reminder => reminder.ReminderName).Order());
        Assert.All(rows.Reminders, reminder => Assert.Equal(ada, reminder.GrainId));
    }

    [Fact]
    public async Task ReadRowsByRange_ReturnsExactlyTheRemindersWhoseHashIsInTheRange()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        using var otherService = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var ring = await FillRingAsync(table);
        await (await otherService.ReminderTableAsync()).UpsertRow(Reminder(ring[0].Grain, "other-service", TimeSpan.FromMinutes(5)));
        var lower = ring.Where(entry => entry.Hash < 0x8000_0000u).ToList();
        var upper = ring.Where(entry => entry.Hash >= 0x8000_0000u).ToList();
        Assert.True(lower.Count >= 4 && upper.Count >= 4, "the sample grains cover both halves of the ring");

        // Bounds sit exactly on reminders' hashes: the begin one must be left out, the end one included.
        (uint Begin, uint End)[] ranges =
        [
            (lower[0].Hash, lower[^2].Hash),
            (upper[0].Hash, upper[^2].Hash),
            (lower[1].Hash, upper[1].Hash),
            (lower[0].Hash - 1, lower[0].Hash),
            (0u, uint.MaxValue),
        ];

        foreach (var (begin, end) in ranges)
        {
            await AssertRangeAsync(table, ring, begin, end);
        }
    }

    [Fact]
    public async Task ReadRowsByWrappingRange_ReturnsTheRemindersOnBothSidesOfTheRingsEnd()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var ring = await FillRingAsync(table);
        var lower = ring.Where(entry => entry.Hash < 0x8000_0000u).ToList();
        var upper = ring.Where(entry => entry.Hash >= 0x8000_0000u).ToList();

        (uint Begin, uint End)[] ranges =
        [
            (upper[^2].Hash, lower[1].Hash),
            (upper[1].Hash, upper[0].Hash),
            (lower[^2].Hash, lower[1].Hash),
            (ring[^1].Hash, ring[0].Hash),
            (lower[2].Hash, lower[2].Hash),
        ];

        foreach (var (begin, end) in ranges)
        {
            Assert.True(begin >= end, $"({begin}, {end}] wraps");
            await AssertRangeAsync(table, ring, begin, end);
        }
    }

    [Fact]
    public async Task RemoveRow_WithTheCurrentEtag_ReturnsTrueAndTheRowIsGone()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var grain = Grain("ada");
        var etag = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(5)));
        await table.UpsertRow(Reminder(grain, "tock", TimeSpan.FromMinutes(5)));

        var removed = await table.RemoveRow(grain, "tick", etag!);

        Assert.True(removed);
        Assert.Null(await table.ReadRow(grain, "tick"));
        Assert.Equal(["tock"], (await table.ReadRows(grain)).Reminders.Select(reminder => reminder.ReminderName));
    }

    [Fact]
    public async Task RemoveRow_WithAStaleEtag_ReturnsFalseAndTheRowStays()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var grain = Grain("ada");
        var stale = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(5)));
        var current = await table.UpsertRow(Reminder(grain, "tick", TimeSpan.FromMinutes(6)));

        var removed = await table.RemoveRow(grain, "tick", stale!);

        Assert.False(removed);
        AssertSameReminder(Reminder(grain, "tick", TimeSpan.FromMinutes(6)), current!, await table.ReadRow(grain, "tick"));
    }

    [Fact]
    public async Task RemoveRow_OfAnUnknownReminder_ReturnsFalse()
    {
        using var host = ProviderHost.Create(database.ConnectionString);
        var table = await host.ReminderTableAsync();
        var etag = await table.UpsertRow(Reminder(Grain("ada"), "tick", TimeSpan.FromMinutes(5)));

        Assert.False(await table.RemoveRow(Grain("ada"), "tock", etag!));
        Assert.False(await table.RemoveRow(Grain("bob"), "tick", etag!));
        Assert.NotNull(await table.ReadRow(Grain("ada"), "tick"));
    }

    private static GrainId Grain(string key) => GrainId.Create("reminderprobe", key);

    private static ReminderEntry Reminder(GrainId grain, string name, TimeSpan period) => new()
    {
        GrainId = grain,
        ReminderName = name,
        StartAt = Start,
        Period = period,
    };

    /// <summary>One reminder each for 48 fixed grains, ordered by their place on the ring.</summary>
    private static async Task<List<(GrainId Grain, uint Hash)>> FillRingAsync(IReminderTable table)
    {
        var ring = Enumerable.Range(0, 48)
            .Select(index => Grain($"ring-{index}"))
            .Select(grain => (Grain: grain, Hash: grain.GetUniformHashCode()))
            .OrderBy(entry => entry.Hash)
            .ToList();
        Assert.Equal(ring.Count, ring.Select(entry => entry.Hash).Distinct().Count());
        foreach (var (grain, _) in ring)
        {
            await table.UpsertRow(Reminder(grain, "ring", TimeSpan.FromMinutes(5)));
        }

        return ring;
    }

    private static async Task AssertRangeAsync(IReminderTable table, List<(GrainId Grain, uint Hash)> ring, uint begin, uint end)
    {
        // Orleans' ring ranges: begin exclusive, end inclusive; begin >= end wraps past uint.MaxValue.
        var expected = ring
            .Where(entry => begin < end ? entry.Hash > begin && entry.Hash <= end : entry.Hash > begin || entry.Hash <= end)
            .Select(entry => entry.Grain.ToString())
            .Order();

        var rows = await table.ReadRows(begin, end);

        Assert.True(
            expected.SequenceEqual(rows.Reminders.Select(reminder => reminder.GrainId.ToString()).Order()),
            $"range ({begin}, {end}]: expected [{string.Join(", ", expected)}], got [{string.Join(", ", rows.Reminders.Select(reminder => reminder.GrainId).Order())}]");
    }

    private static void AssertSameReminder(ReminderEntry expected, string etag, ReminderEntry? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.GrainId, actual.GrainId);
        Assert.Equal(expected.ReminderName, actual.ReminderName);
        Assert.Equal(expected.StartAt, actual.StartAt);
        Assert.Equal(DateTimeKind.Utc, actual.StartAt.Kind);
        Assert.Equal(expected.Period, actual.Period);
        Assert.Equal(etag, actual.ETag);
    }
}
