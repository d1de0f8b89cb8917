namespace FlowGrains.Grains.Scheduling;

/// <summary>
/// One wake-up at an active flow's next run time, on the flow clock. The schedule reminder is the durable
/// tick that survives restarts and silo loss, but its phase is set from a relative due time and so may sit
/// a little off the slots; this alarm makes an active flow start its run at the slot's own time.
/// </summary>
public sealed class SlotAlarm(TimeProvider time, Func<Task> wake) : IDisposable
{
    private ITimer? _timer;
    private DateTimeOffset? _at;

    /// <summary>Wakes the flow at <paramref name="at"/> (at once when it has passed); null clears the alarm.</summary>
    public void Set(DateTimeOffset? at)
    {
        if (at == _at)
        {
            return;
        }

        _timer?.Dispose();
        _timer = null;
        _at = at;
        if (at is { } when)
        {
            var due = when - time.GetUtcNow();
            _timer = time.CreateTimer(_ => Wake(), null, due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Set(null);

    private void Wake()
    {
        // A wake-up that cannot be sent (the silo is stopping, say) is covered by the reminder's tick at the same slot.
        try
        {
            wake().ContinueWith(sent => sent.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
        }
        catch (Exception)
        {
        }
    }
}
