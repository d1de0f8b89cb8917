using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Connectors.Http.Tests.Infrastructure;

/// <summary>
/// Fake time for retry waits: every wait the connector starts is recorded and then ended by advancing a
/// <see cref="FakeTimeProvider"/> by exactly that wait, so no test sleeps and each asserts the waits asked for.
/// </summary>
public sealed class SteppingClock : TimeProvider
{
    /// <summary>Where fake time starts: a whole second, so HTTP dates (second resolution) compute exact waits.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake = new(Start);
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    /// <summary>The waits started, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    /// <summary>How far fake time has moved since <see cref="Start"/>.</summary>
    public TimeSpan Elapsed => _fake.GetUtcNow() - Start;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);

            // Advance once the timer is registered, off the caller's stack (the caller is still constructing its delay).
            ThreadPool.QueueUserWorkItem(_ => _fake.Advance(dueTime));
        }

        return timer;
    }
}
