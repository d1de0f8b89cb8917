namespace FlowGrains.Connectors;

/// <summary>
/// Resources that are costly to make and hold (clients, connection pools), one per key, at most
/// <see cref="Capacity"/> of them. A user takes a <see cref="Lease"/> for as long as it uses the resource. When a
/// new key would pass the capacity, the least recently rented resource leaves the cache, and it is disposed once
/// its last lease is returned: a run never loses its client in the middle of its work. Thread-safe.
/// </summary>
public sealed class LeasedCache<TValue> : IAsyncDisposable
    where TValue : class
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _entries = new(StringComparer.Ordinal);

    // Most recently rented first.
    private readonly LinkedList<Entry> _recency = new();
    private readonly Func<TValue, ValueTask> _dispose;
    private bool _disposed;

    /// <param name="capacity">How many resources the cache holds at most (leased ones that left it are not counted).</param>
    /// <param name="dispose">Releases a resource that left the cache and has no lease.</param>
    public LeasedCache(int capacity, Func<TValue, ValueTask> dispose)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _dispose = dispose;
    }

    /// <summary>The most resources the cache holds.</summary>
    public int Capacity { get; }

    /// <summary>How many resources the cache holds now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>
    /// The resource of <paramref name="key"/>, made by <paramref name="create"/> if the cache has none, held until
    /// the lease is disposed. A resource that fails to be made is not cached: the next rent tries again.
    /// </summary>
    public async ValueTask<Lease> RentAsync(string key, Func<TValue> create)
    {
        List<Entry> leftOver = [];
        Entry entry;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                entry = node.Value;
            }
            else
            {
                entry = new Entry(key, new Lazy<TValue>(create));
                _entries[key] = _recency.AddFirst(entry);
                while (_entries.Count > Capacity)
                {
                    var oldest = _recency.Last!.Value;
                    _recency.RemoveLast();
                    _entries.Remove(oldest.Key);
                    oldest.Evicted = true;
                    if (oldest.Leases == 0)
                    {
                        leftOver.Add(oldest);
                    }
                }
            }

            entry.Leases++;
        }

        await DisposeAllAsync(leftOver);
        try
        {
            return new Lease(this, entry, entry.Value.Value);
        }
        catch
        {
            Forget(entry);
            await ReturnAsync(entry);
            throw;
        }
    }

    /// <summary>Disposes every resource made, leased or not: the cache's owner is going away.</summary>
    public async ValueTask DisposeAsync()
    {
        List<Entry> all;
        lock (_gate)
        {
            _disposed = true;
            all = [.. _recency];
            _entries.Clear();
            _recency.Clear();
        }

        await DisposeAllAsync(all);
    }

    private void Forget(Entry entry)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(entry.Key, out var node) && node.Value == entry)
            {
                _entries.Remove(entry.Key);
                _recency.Remove(node);
                entry.Evicted = true;
            }
        }
    }

    private async ValueTask ReturnAsync(Entry entry)
    {
        bool last;
        lock (_gate)
        {
            last = --entry.Leases == 0 && entry.Evicted;
        }

        if (last)
        {
            await DisposeAllAsync([entry]);
        }
    }

    private async ValueTask DisposeAllAsync(List<Entry> entries)
    {
        foreach (var entry in entries.Where(entry => entry.Value.IsValueCreated))
        {
            await _dispose(entry.Value.Value);
        }
    }

    /// <summary>The use of one resource; dispose it when done with the resource.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly LeasedCache<TValue> _owner;
        private readonly Entry _entry;
        private int _returned;

        internal Lease(LeasedCache<TValue> owner, Entry entry, TValue value)
        {
            _owner = owner;
            _entry = entry;
            Value = value;
        }

        /// <summary>The resource.</summary>
        public TValue Value { get; }

        /// <summary>Returns the lease; repeating it does nothing.</summary>
        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref _returned, 1) == 0 ? _owner.ReturnAsync(_entry) : ValueTask.CompletedTask;
    }

    internal sealed class Entry(string key, Lazy<TValue> value)
    {
        public string Key { get; } = key;

        public Lazy<TValue> Value { get; } = value;

        public int Leases { get; set; }

        public bool Evicted { get; set; }
    }
}
