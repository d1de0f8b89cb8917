namespace FlowGrains.Grains.Flows;

/// <summary>
/// Lets starts of one flow interleave with each other (their writes go out together), while a change of
/// the flow (create, update, activation, stop, delete) waits for the starts in flight and holds new ones
/// until it is done. Used on the grain's own scheduler, so plain fields are enough.
/// </summary>
internal sealed class StartGate
{
    private int _startsInFlight;
    private TaskCompletionSource? _drained;
    private TaskCompletionSource? _changing;

    /// <summary>Waits while a change is under way, then counts a start in until <see cref="ExitStart"/>.</summary>
    public async Task EnterStartAsync()
    {
        while (_changing is { } change)
        {
            await change.Task;
        }

        _startsInFlight++;
    }

    /// <summary>Counts a start out.</summary>
    public void ExitStart()
    {
        if (--_startsInFlight == 0)
        {
            _drained?.TrySetResult();
        }
    }

    /// <summary>Waits for other changes and for the starts in flight; the change holds the gate until the returned scope ends.</summary>
    public async Task<IDisposable> EnterChangeAsync()
    {
        while (_changing is { } other)
        {
            await other.Task;
        }

        var change = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _changing = change;
        while (_startsInFlight > 0)
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
