using System.Diagnostics;

namespace FlowGrains.Bench;

/// <summary>Samples this process's working set while a phase runs and keeps the highest value seen.</summary>
internal sealed class PeakMemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private PeakMemorySampler()
    {
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                PeakBytes = Math.Max(PeakBytes, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
    }

    /// <summary>The highest working set seen so far, in bytes.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>Starts sampling after a full collection, so earlier phases' garbage does not count.</summary>
    public static PeakMemorySampler Start()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return new PeakMemorySampler();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
