namespace FlowGrains.Grains.Tokens;

/// <summary>
/// A flow's recent tokens held in memory in front of the token store. Entries leave when they expire, so
/// the cache holds at most the tokens of the last 8 hours.
/// </summary>
internal sealed class ClientTokenCache
{
    private readonly Dictionary<string, ClientTokenRecord> _records = new(StringComparer.Ordinal);
    private readonly Queue<(string Key, DateTimeOffset ExpiresAt)> _expiries = new();

    public int Count => _records.Count;

    public ClientTokenRecord? Find(string key, DateTimeOffset now)
    {
        EvictExpired(now);
        return _records.GetValueOrDefault(key);
    }

    public void Add(string key, ClientTokenRecord record, DateTimeOffset now)
    {
        EvictExpired(now);
        if (record.IsActiveAt(now))
        {
            _records[key] = record;
            _expiries.Enqueue((key, record.ExpiresAt));
        }
    }

    public void Clear()
    {
        _records.Clear();
        _expiries.Clear();
    }

    private void EvictExpired(DateTimeOffset now)
    {
        // A key can be queued twice when an expired token was reused; only drop the entry it expires.
        while (_expiries.TryPeek(out var head) && head.ExpiresAt <= now)
        {
            _expiries.Dequeue();
            if (_records.TryGetValue(head.Key, out var record) && record.ExpiresAt <= now)
            {
                _records.Remove(head.Key);
            }
        }
    }
}
