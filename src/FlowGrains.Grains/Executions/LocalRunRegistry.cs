using System.Collections.Concurrent;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// The runs this silo is carrying out or still reporting. A run launched here that is missing from it
/// never started or was lost, so the flow may resume it; a run present in it must be left alone.
/// </summary>
public sealed class LocalRunRegistry
{
    private readonly ConcurrentDictionary<string, byte> _runs = new(StringComparer.Ordinal);

    /// <summary>Whether a run of <paramref name="executionId"/> is under way in this silo.</summary>
    public bool IsRunning(string executionId) => _runs.ContainsKey(executionId);

    /// <summary>How many runs are under way in this silo.</summary>
    public int Count => _runs.Count;

    internal void Add(string executionId) => _runs[executionId] = 0;

    internal void Remove(string executionId) => _runs.TryRemove(executionId, out _);
}
