using FlowGrains.Grains.Ledger.Retention;
using FlowGrains.Grains.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FlowGrains.Grains.Tests.Ledger;

/// <summary>Registering the retention reminder at silo start keeps trying while the reminder service fails, and never throws.</summary>
public sealed class LedgerRetentionStarterTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new();
    private readonly List<DateTimeOffset> _attempts = [];

    private int Attempts
    {
        get
        {
            lock (_attempts)
            {
                return _attempts.Count;
            }
        }
    }

    /// <summary>
    /// Starts the retries off xUnit's synchronization context, so a retry's timer runs the next attempt inside
    /// <see cref="FakeTimeProvider.Advance"/>; returns once the first attempt has been made.
    /// </summary>
    private async Task<Task> StartTryingAsync(int failures, CancellationToken stopping)
    {
        var trying = Task.Run(() => LedgerRetentionStarter.KeepTryingAsync(() => Attempt(failures), _time, NullLogger.Instance, stopping));
        await Eventually.MatchesAsync(() => Task.FromResult(Attempts), attempts => attempts == 1, "the first attempt");
        return trying;
    }

    private Task Attempt(int failures)
    {
        lock (_attempts)
        {
            _attempts.Add(_time.GetUtcNow());
            return _attempts.Count <= failures ? Task.FromException(new IOException("The reminder table is unreachable.")) : Task.CompletedTask;
        }
    }

    [Fact]
    public async Task FailedAttempts_AreRetriedAfterTheirWait_UntilOneSucceeds()
    {
        var trying = await StartTryingAsync(failures: 2, CancellationToken.None);

        _time.Advance(LedgerRetentionStarter.FirstRetry - Tick);
        Assert.Equal(1, Attempts);
        _time.Advance(Tick);
        Assert.Equal(2, Attempts);
        _time.Advance(2 * LedgerRetentionStarter.FirstRetry);
        await trying.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, Attempts);
    }

    [Fact]
    public async Task TheWaitBetweenAttempts_DoublesUpToTheLongest()
    {
        var trying = await StartTryingAsync(failures: 9, CancellationToken.None);

        while (!trying.IsCompleted && _time.GetUtcNow() - _attempts[0] < TimeSpan.FromHours(1))
        {
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        await trying.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], _attempts.Zip(_attempts.Skip(1), (before, after) => (after - before).TotalSeconds));
    }

    [Fact]
    public async Task Stopping_EndsTheRetries_WithoutAnError()
    {
        using var stopping = new CancellationTokenSource();
        var trying = await StartTryingAsync(failures: int.MaxValue, stopping.Token);

        await stopping.CancelAsync();
        await trying.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(LedgerRetentionStarter.LongestRetry);

        Assert.True(trying.IsCompletedSuccessfully);
        Assert.Equal(1, Attempts);
    }
}
