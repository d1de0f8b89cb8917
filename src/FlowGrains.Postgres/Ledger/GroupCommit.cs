using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Group commit: writes queue here from every flow of the silo, and each of <see cref="PostgresLedgerOptions.Flushers"/>
/// loops takes what is queued, waits up to <see cref="PostgresLedgerOptions.MaxDelay"/> for more (or until
/// <see cref="PostgresLedgerOptions.MaxBatch"/>), and writes it as one batch. A batch whose write throws fails every
/// write in it (each caller's replay finds out what was stored). Disposing writes what is queued, then stops.
/// </summary>
/// <typeparam name="TPending">A queued write; the batch writer completes it.</typeparam>
internal sealed class GroupCommit<TPending> : IAsyncDisposable
    where TPending : IPendingWrite
{
    private readonly Channel<TPending> _queue = Channel.CreateUnbounded<TPending>();
    private readonly PostgresLedgerOptions _options;
    private readonly TimeProvider _wallClock;
    private readonly Func<List<TPending>, Task<IReadOnlyList<TPending>>> _write;
    private readonly string _what;
    private readonly ILogger _logger;
    private readonly Task[] _flushers;

    /// <param name="write">Writes a batch and completes its writes; returns those to queue again.</param>
    /// <param name="what">What the queue writes, for the log ("flow starts").</param>
    public GroupCommit(
        PostgresLedgerOptions options, TimeProvider wallClock, Func<List<TPending>, Task<IReadOnlyList<TPending>>> write, string what, ILogger logger)
    {
        (_options, _wallClock, _write, _what, _logger) = (options, wallClock, write, what, logger);
        _flushers = [.. Enumerable.Range(0, options.Flushers).Select(_ => Task.Run(FlushLoopAsync))];
    }

    /// <summary>Queues <paramref name="pending"/>; the writer of its batch completes it.</summary>
    public void Queue(TPending pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Fail(new ObjectDisposedException(nameof(PostgresFlowLedgerStore), "The ledger is shutting down."));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_flushers);
    }

    private async Task FlushLoopAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            var batch = await CollectAsync();
            if (batch.Count > 0)
            {
                foreach (var again in await WriteAsync(batch))
                {
                    Queue(again);
                }
            }
        }
    }

    private async Task<IReadOnlyList<TPending>> WriteAsync(List<TPending> batch)
    {
        try
        {
            return await _write(batch);
        }
        catch (Exception exception)
        {
            LedgerLog.BatchFailed(_logger, exception, batch.Count, _what);
            foreach (var pending in batch)
            {
                pending.Fail(exception);
            }

            return [];
        }
    }

    private async Task<List<TPending>> CollectAsync()
    {
        var batch = new List<TPending>();
        Drain(batch);
        if (batch.Count == 0 || batch.Count >= _options.MaxBatch || _options.MaxDelay <= TimeSpan.Zero)
        {
            return batch;
        }

        using var wait = new CancellationTokenSource(_options.MaxDelay, _wallClock);
        try
        {
            while (batch.Count < _options.MaxBatch && await _queue.Reader.WaitToReadAsync(wait.Token))
            {
                Drain(batch);
            }
        }
        catch (OperationCanceledException) when (wait.IsCancellationRequested)
        {
            // The wait is over: the batch goes with what it has.
        }

        return batch;
    }

    private void Drain(List<TPending> batch)
    {
        while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }
}
