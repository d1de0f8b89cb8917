using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace FlowGrains.PluginConnector.Sample;

/// <summary>Named in-memory tables the sample connector reads and appends to; one instance per silo.</summary>
public sealed class SampleTables
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> _tables = new(StringComparer.Ordinal);

    /// <summary>Appends <paramref name="records"/> to <paramref name="table"/>, creating it when new.</summary>
    public void Append(string table, IEnumerable<JsonObject> records)
    {
        var rows = _tables.GetOrAdd(table, _ => new ConcurrentQueue<JsonObject>());
        foreach (var record in records)
        {
            rows.Enqueue((JsonObject)record.DeepClone());
        }
    }

    /// <summary>Copies of the rows of <paramref name="table"/> in the order they were appended; empty when it does not exist.</summary>
    public IReadOnlyList<JsonObject> Read(string table) =>
        _tables.TryGetValue(table, out var rows) ? [.. rows.Select(row => (JsonObject)row.DeepClone())] : [];
}
