namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A flow's recent tokens held in memory in front of the token store. Only active tokens are ever
/// returned, and entries leave in expiry order once they expire, so the cache holds at most the tokens
/// accepted in the last 8 hours.
/// </summary>
internal sealed class ClientTokenCache
{
    private readonly Dictionary<string, ClientTokenRecord> _records = new(StringComparer.Ordinal);

    // Ordered by expiry, not insertion: records read back from storage can be older than cached ones.
    private readonly PriorityQueue<string, DateTimeOffset> _expiries = new();

    public int Count => _records.Count;

    public ClientTokenRecord? Find(string key, DateTimeOffset now)
    {
        EvictExpired(now);
        return _records.TryGetValue(key, out var record) && record.IsActiveAt(now) ? record : null;
    }

    public void Add(string key, ClientTokenRecord record, DateTimeOffset now)
    {
        EvictExpired(now);
        if (record.IsActiveAt(now))
        {
            _records[key] = record;
            _expiries.Enqueue(key, record.ExpiresAt);
        }
    }

    public void Clear()
    {
        _records.Clear();
        _expiries.Clear();
    }

    private void EvictExpired(DateTimeOffset now)
    {
        // A key can be queued twice when an expired token was reused; only drop the entry that expired.
        while (_expiries.TryPeek(out var key, out var expiresAt) && expiresAt <= now)
        {
            _expiries.Dequeue();
            if (_records.TryGetValue(key, out var record) && record.ExpiresAt <= now)
            {
                _records.Remove(key);
            }
        }
    }
}
