namespace FlowGrains.DataPlane.Transforms;

/// <summary>The input fields that output tasks after a given one still read.</summary>
internal sealed class LaterReads
{
    private readonly HashSet<string> _fields = new(StringComparer.Ordinal);
    private bool _all;

    public bool Contains(string field) => _all || _fields.Contains(field);

    /// <summary>True when no later task reads anything, so every node may move.</summary>
    public bool IsEmpty => !_all && _fields.Count == 0;

    public LaterReads Snapshot()
    {
        var copy = new LaterReads { _all = _all };
        copy._fields.UnionWith(_fields);
        return copy;
    }

    public void Add(IReadOnlyCollection<string>? fields)
    {
        if (fields is null)
        {
            _all = true;
        }
        else
        {
            _fields.UnionWith(fields);
        }
    }
}
