using System.Threading.Channels;
using FlowGrains.Grains.Ledger;

namespace FlowGrains.Postgres.Ledger;

/// <summary>
/// Group commit: starts queue here from every flow of the silo, and each of <see cref="PostgresLedgerOptions.Flushers"/>
/// loops takes what is queued, waits up to <see cref="PostgresLedgerOptions.MaxDelay"/> for more (or until
/// <see cref="PostgresLedgerOptions.MaxBatch"/>), and writes it as one batch. Disposing writes what is queued, then stops.
/// </summary>
internal sealed class StartBatcher : IAsyncDisposable
{
    private readonly Channel<PendingStart> _queue = Channel.CreateUnbounded<PendingStart>();
    private readonly PostgresLedgerOptions _options;
    private readonly TimeProvider _wallClock;
    private readonly Func<List<PendingStart>, Task<IReadOnlyList<PendingStart>>> _write;
    private readonly Task[] _flushers;

    /// <param name="write">Writes a batch and completes its starts; returns those to queue again.</param>
    public StartBatcher(PostgresLedgerOptions options, TimeProvider wallClock, Func<List<PendingStart>, Task<IReadOnlyList<PendingStart>>> write)
    {
        (_options, _wallClock, _write) = (options, wallClock, write);
        _flushers = [.. Enumerable.Range(0, options.Flushers).Select(_ => Task.Run(FlushLoopAsync))];
    }

    /// <summary>Queues <paramref name="start"/>; completes when its batch was written.</summary>
    public Task<LedgerToken?> StartAsync(RunStart start, DateTimeOffset now)
    {
        var pending = new PendingStart(start, now);
        Queue(pending);
        return pending.Completion.Task;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_flushers);
    }

    private void Queue(PendingStart pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Completion.TrySetException(new ObjectDisposedException(nameof(PostgresFlowLedgerStore), "The ledger is shutting down."));
        }
    }

    private async Task FlushLoopAsync()
    {
        while (await _queue.Reader.WaitToReadAsync())
        {
            var batch = await CollectAsync();
            if (batch.Count > 0)
            {
                foreach (var again in await _write(batch))
                {
                    Queue(again);
                }
            }
        }
    }

    private async Task<List<PendingStart>> CollectAsync()
    {
        var batch = new List<PendingStart>();
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

    private void Drain(List<PendingStart> batch)
    {
        while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }
}
