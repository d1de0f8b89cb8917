using System.Diagnostics;

namespace FlowGrains.Bench;

/// <summary>Runs an operation from many concurrent workers until told to stop and returns every call's latency, in milliseconds.</summary>
internal static class LatencyLoop
{
    public static async Task<List<double>> RunAsync(int workers, CancellationToken stop, Func<int, long, Task> operation)
    {
        var latencies = new List<double>[workers];
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = [];
            for (long i = 0; !stop.IsCancellationRequested; i++)
            {
                var clock = Stopwatch.StartNew();
                await operation(worker, i);
                mine.Add(clock.Elapsed.TotalMilliseconds);
            }
        })));
        return [.. latencies.SelectMany(worker => worker)];
    }

    /// <summary>The latency <paramref name="fraction"/> of the calls stayed at or under.</summary>
    public static double Percentile(List<double> latencies, double fraction) =>
        latencies.Order().ElementAt(Math.Min(latencies.Count - 1, (int)Math.Ceiling(fraction * latencies.Count) - 1));
}
