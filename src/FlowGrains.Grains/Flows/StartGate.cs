namespace FlowGrains.Grains.Flows;

/// <summary>
/// Lets a flow's run calls (starts, events and the runs' reports) interleave with each other, so their
/// ledger writes go out together and a busy flow's reports are never starved behind its starts, while a
/// change of the flow (create, update, activation, stop, delete) waits for the run calls in flight and holds
/// new ones until it is done. Used on the grain's own scheduler, so plain fields are enough.
/// </summary>
internal sealed class StartGate
{
    private int _runCallsInFlight;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _changing;

    /// <summary>Waits while a change is under way, then counts a run call in until <see cref="ExitRunCall"/>.</summary>
    public async Task EnterRunCallAsync()
    {
        while (_changing is { } change)
        {
            await change.Task;
        }

        _runCallsInFlight++;
    }

    /// <summary>Counts a run call out.</summary>
    public void ExitRunCall()
    {
        if (--_runCallsInFlight == 0)
        {
            _drained?.TrySetResult();
        }
    }

    /// <summary>Waits for other changes and for the run calls in flight; the change holds the gate until the returned scope ends.</summary>
    public async Task<IDisposable> EnterChangeAsync()
    {
        while (_changing is { } other)
        {
            await other.Task;
        }

        var change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _changing = change;
        while (_runCallsInFlight > 0)
        {
            _drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await _drained.Task;
        }

        return new Release(() =>
        {
            _changing = null;
            change.TrySetResult();
        });
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
