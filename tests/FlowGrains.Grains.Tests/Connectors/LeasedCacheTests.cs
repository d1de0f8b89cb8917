using FlowGrains.Connectors;

namespace FlowGrains.Grains.Tests.Connectors;

/// <summary>The bounded cache behind S3 clients and PostgreSQL pools: it evicts, and never disposes what a run still uses.</summary>
public sealed class LeasedCacheTests
{
    private sealed class Resource(string key)
    {
        public string Key { get; } = key;

        public bool Disposed { get; set; }
    }

    private readonly List<Resource> _made = [];

    private LeasedCache<Resource> Cache(int capacity) => new(capacity, resource =>
    {
        resource.Disposed = true;
        return ValueTask.CompletedTask;
    });

    private Func<Resource> Make(string key) => () =>
    {
        var resource = new Resource(key);
        _made.Add(resource);
        return resource;
    };

    private async Task UseAsync(LeasedCache<Resource> cache, string key)
    {
        await using var lease = await cache.RentAsync(key, Make(key));
    }

    [Fact]
    public async Task ANewKeyPastTheCapacity_EvictsAndDisposesTheLeastRecentlyUsed()
    {
        var cache = Cache(capacity: 2);
        await UseAsync(cache, "a");
        await UseAsync(cache, "b");
        await UseAsync(cache, "a");

        await UseAsync(cache, "c");

        Assert.Equal(2, cache.Count);
        Assert.Equal([("a", false), ("b", true), ("c", false)], _made.Select(r => (r.Key, r.Disposed)));
    }

    [Fact]
    public async Task AResourceEvictedWhileLeased_IsDisposedOnlyWhenItsLastLeaseIsReturned()
    {
        var cache = Cache(capacity: 1);
        var first = await cache.RentAsync("a", Make("a"));
        var second = await cache.RentAsync("a", Make("a"));

        await UseAsync(cache, "b");
        var whileLeased = first.Value.Disposed;
        await first.DisposeAsync();
        var afterOneReturn = second.Value.Disposed;
        await second.DisposeAsync();
        await second.DisposeAsync();

        Assert.Same(first.Value, second.Value);
        Assert.Equal((false, false, true), (whileLeased, afterOneReturn, first.Value.Disposed));
        Assert.Equal(2, _made.Count);
    }

    [Fact]
    public async Task AKeyRentedAgain_GetsTheSameResource()
    {
        var cache = Cache(capacity: 2);
        await using var first = await cache.RentAsync("a", Make("a"));
        await using var again = await cache.RentAsync("a", Make("a"));

        Assert.Same(first.Value, again.Value);
        Assert.Single(_made);
    }

    [Fact]
    public async Task AResourceThatFailsToBeMade_IsNotCached()
    {
        var cache = Cache(capacity: 2);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await cache.RentAsync("a", () => throw new InvalidOperationException("unreachable")));
        await UseAsync(cache, "a");

        Assert.Single(_made);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task DisposingTheCache_DisposesEveryResource()
    {
        var cache = Cache(capacity: 3);
        await UseAsync(cache, "a");
        var held = await cache.RentAsync("b", Make("b"));

        await cache.DisposeAsync();

        Assert.All(_made, resource => Assert.True(resource.Disposed));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await cache.RentAsync("c", Make("c")));
        await held.DisposeAsync();
    }
}
