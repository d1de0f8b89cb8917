namespace FlowGrains.Grains.Tests.Infrastructure;

/// <summary>Waits for a condition that another grain reaches asynchronously, failing with what was awaited.</summary>
public static class Eventually
{
    public static async Task<T> MatchesAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string awaited, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeoutMs} ms waiting for {awaited}; last seen: {value}.");
            }

            await Task.Delay(20);
        }
    }
}
