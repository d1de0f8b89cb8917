namespace FlowGrains.Bench;

/// <summary>
/// A manual clock for the fake-clock schedules benchmark: time moves only by <see cref="Advance"/>, which
/// fires the timers that came due, earliest first. Its timers sit in a priority queue, so creating or
/// changing one costs log n: FakeTimeProvider looks at every timer on each change, which at 100,000 flows
/// (a reminder and an alarm each) turns the setup alone into hours.
/// </summary>
public sealed class SteppedClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly PriorityQueue<SteppedTimer, (DateTimeOffset Due, long Order)> _due = new();
    private DateTimeOffset _now = start;
    private long _order;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppedTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock by <paramref name="step"/>, firing every timer due by then (a periodic one once per step at most).</summary>
    public void Advance(TimeSpan step)
    {
        List<SteppedTimer> firing = [];
        lock (_lock)
        {
            _now += step;
            while (_due.TryPeek(out var timer, out var key) && key.Due <= _now)
            {
                _due.Dequeue();
                if (timer.Version == key.Order)
                {
                    firing.Add(timer);
                }
            }
        }

        foreach (var timer in firing)
        {
            timer.Fire();
        }
    }

    private void Schedule(SteppedTimer timer, TimeSpan dueTime)
    {
        lock (_lock)
        {
            // A changed or disposed timer keeps its old queue entry, which is skipped by its version.
            timer.Version = ++_order;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                _due.Enqueue(timer, (_now + dueTime, timer.Version));
            }
        }
    }

    private sealed class SteppedTimer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public long Version { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            _period = period;
            clock.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            if (_period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero)
            {
                clock.Schedule(this, _period);
            }

            ThreadPool.UnsafeQueueUserWorkItem(_ => callback(state), null);
        }

        public void Dispose() => clock.Schedule(this, Timeout.InfiniteTimeSpan);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
