using System.Collections.Concurrent;

namespace FlowGrains.Bench;

/// <summary>
/// Writes the host's warnings and errors to a file, in the console's "warn:" / "fail:" form, and counts
/// them, so a benchmark can say what its host logged under load.
/// </summary>
public sealed class HostLogTally(string path) : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public int Count(string prefix) => _lines.Count(line => line.StartsWith(prefix, StringComparison.Ordinal));

    public int Containing(string text) => _lines.Count(line => line.Contains(text, StringComparison.Ordinal));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() => File.WriteAllLines(path, _lines);

    private sealed class Logger(HostLogTally tally, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var level = logLevel == LogLevel.Warning ? "warn" : "fail";
            tally._lines.Enqueue($"{level}: {category}[{eventId.Id}] {formatter(state, exception)}{(exception is null ? "" : $" {exception.GetType().Name}: {exception.Message}")}");
        }
    }
}
