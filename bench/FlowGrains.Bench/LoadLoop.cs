using System.Diagnostics;

namespace FlowGrains.Bench;

/// <summary>Runs an operation from many concurrent workers for a fixed time and reports completed operations per second.</summary>
public static class LoadLoop
{
    public static async Task<double> MeasureAsync(int workers, TimeSpan warmUp, TimeSpan duration, Func<int, long, Task> operation)
    {
        if (warmUp > TimeSpan.Zero)
        {
            await RunAsync(workers, warmUp, operation, countFrom: long.MaxValue);
        }

        var completed = await RunAsync(workers, duration, operation, countFrom: 0);
        return completed / duration.TotalSeconds;
    }

    private static async Task<long> RunAsync(int workers, TimeSpan duration, Func<int, long, Task> operation, long countFrom)
    {
        long completed = 0;
        long failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            for (long i = 0; clock.Elapsed < duration; i++)
            {
                try
                {
                    await operation(worker, i);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception) when (Interlocked.Increment(ref failures) < 10)
                {
                }
            }
        })));

        if (failures > 0 && countFrom == 0)
        {
            throw new InvalidOperationException($"{failures} operations failed during measurement.");
        }

        return completed;
    }
}
