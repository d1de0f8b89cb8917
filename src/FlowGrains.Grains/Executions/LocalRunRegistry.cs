using System.Collections.Concurrent;

namespace FlowGrains.Grains.Executions;

/// <summary>
/// The runs this silo is carrying out or still reporting. A run launched here that is missing from it
/// never started or was lost, so the flow may resume it; a run present in it must be left alone.
/// Once the silo is stopping (<see cref="BeginStopping"/>) no run starts or resumes here, and the runs
/// still going can be stopped without an outcome (<see cref="Abandon"/>) for another silo to resume.
/// </summary>
public sealed class LocalRunRegistry : IDisposable
{
    private readonly ConcurrentDictionary<string, byte> _runs = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _abandoned = new();
    private volatile bool _stopping;

    /// <summary>Whether a run of <paramref name="executionId"/> is under way in this silo.</summary>
    public bool IsRunning(string executionId) => _runs.ContainsKey(executionId);

    /// <summary>How many runs are under way in this silo.</summary>
    public int Count => _runs.Count;

    /// <summary>Whether the silo is stopping: no run may start or resume here any more.</summary>
    public bool IsStopping => _stopping;

    /// <summary>Fires when the runs still going are to stop and leave themselves unfinished.</summary>
    public CancellationToken Abandoned => _abandoned.Token;

    /// <summary>Completes once the silo is stopping and no run is under way here.</summary>
    public Task Drained => _drained.Task;

    /// <summary>Marks the silo as stopping; <see cref="Drained"/> completes when the last run here ends.</summary>
    public void BeginStopping()
    {
        _stopping = true;
        CompleteIfDrained();
    }

    /// <summary>Stops the runs still going here; each ends without reporting an outcome.</summary>
    public void Abandon() => _abandoned.Cancel();

    /// <inheritdoc />
    public void Dispose() => _abandoned.Dispose();

    internal void Add(string executionId) => _runs[executionId] = 0;

    internal void Remove(string executionId)
    {
        _runs.TryRemove(executionId, out _);
        CompleteIfDrained();
    }

    // Checked after each change and after the flag is set, so whichever comes last completes it.
    private void CompleteIfDrained()
    {
        if (_stopping && _runs.IsEmpty)
        {
            _drained.TrySetResult();
        }
    }
}
