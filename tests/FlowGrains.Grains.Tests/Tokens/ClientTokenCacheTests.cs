using FlowGrains.Grains.Tokens;

namespace FlowGrains.Grains.Tests.Tokens;

public sealed class ClientTokenCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Entries_AreFoundUntilEightHoursAfterAcceptance_ThenDropped()
    {
        var cache = new ClientTokenCache();
        cache.Add("k", new ClientTokenRecord("f", Start, "result"), Start);

        Assert.NotNull(cache.Find("k", Start.AddHours(8).AddTicks(-1)));
        Assert.Null(cache.Find("k", Start.AddHours(8)));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void ManyExpiredTokens_LeaveTheCacheEmpty()
    {
        var cache = new ClientTokenCache();
        for (var i = 0; i < 10_000; i++)
        {
            var at = Start.AddSeconds(i);
            cache.Add($"k{i}", new ClientTokenRecord("f", at, "r"), at);
        }

        cache.Find("any", Start.AddHours(11));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void AReusedExpiredToken_KeepsItsNewEntryWhenTheOldExpiryPasses()
    {
        var cache = new ClientTokenCache();
        cache.Add("k", new ClientTokenRecord("old", Start, "r1"), Start);
        var later = Start.AddHours(9);
        cache.Add("k", new ClientTokenRecord("new", later, "r2"), later);

        Assert.Equal("new", cache.Find("k", later.AddHours(1))!.Fingerprint);
    }
}

public sealed class ClientTokenCacheOrderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnOlderTokenAddedAfterANewerOne_StillExpiresOnTime()
    {
        var cache = new ClientTokenCache();
        var now = Start.AddHours(5);
        cache.Add("newer", new ClientTokenRecord("f", Start.AddHours(4), "b"), now);
        cache.Add("older", new ClientTokenRecord("f", Start, "a"), now);

        Assert.Null(cache.Find("older", Start.AddHours(8).AddMinutes(1)));
        Assert.NotNull(cache.Find("newer", Start.AddHours(8).AddMinutes(1)));
        Assert.Equal(1, cache.Count);
    }
}
