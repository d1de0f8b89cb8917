using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>
/// A fake clock whose waits of a second or more end late by a random amount up to <c>maxJitter</c>, as
/// timers do on a loaded machine: a reminder tick or a slot alarm comes late, sometimes after the next
/// slot's time. The time it reads is the fake clock's own. Seeded, so a failure can be replayed.
/// </summary>
public sealed class JitteringTimeProvider(FakeTimeProvider clock, TimeSpan maxJitter, int seed) : TimeProvider
{
    private static readonly TimeSpan ShortestJittered = TimeSpan.FromSeconds(1);
    private readonly Random _random = new(seed);
    private long _jittered;

    /// <summary>How many waits ended late.</summary>
    public long Jittered => Interlocked.Read(ref _jittered);

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => clock.GetUtcNow();

    /// <inheritdoc />
    public override long GetTimestamp() => clock.GetTimestamp();

    /// <inheritdoc />
    public override long TimestampFrequency => clock.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => clock.LocalTimeZone;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new LateTimer(this, clock.CreateTimer(callback, state, Late(dueTime, period), period));

    // Only one-shot waits are late; periodic timers and short waits (polling, retries) keep their time.
    private TimeSpan Late(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < ShortestJittered || dueTime == Timeout.InfiniteTimeSpan || period != Timeout.InfiniteTimeSpan)
        {
            return dueTime;
        }

        Interlocked.Increment(ref _jittered);
        lock (_random)
        {
            return dueTime + (maxJitter * _random.NextDouble());
        }
    }

    private sealed class LateTimer(JitteringTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(owner.Late(dueTime, period), period);

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
