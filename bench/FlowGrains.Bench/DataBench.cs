using System.Collections.Immutable;
using System.Diagnostics;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Limits;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;
using FlowGrains.DataPlane.Connectors;
using FlowGrains.DataPlane.Executions;
using FlowGrains.Grains.ConnectorProfiles;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Bench;

/// <summary>
/// What the data-plane benchmarks share: the real <see cref="FlowRunner"/> without a cluster, flows built from
/// plain values, one timed phase with its peak working set, and the lines each mode prints.
/// </summary>
internal static class DataBench
{
    /// <summary>One timed phase: its rows per second and the process's peak working set while it ran.</summary>
    public readonly record struct Sample(double RowsPerSecond, long PeakBytes);

    /// <summary>The runner as a silo builds it, with the given connectors and default limits; flows name no profile.</summary>
    public static FlowRunner Runner(params IFlowConnector[] connectors) => new(
        new ConnectorRegistry(connectors),
        new ConnectorProfileResolver(null!, null!),
        TimeProvider.System,
        Options.Create(new LimitsOptions()),
        Options.Create(new RunsOptions()),
        NullLogger<FlowRunner>.Instance);

    /// <summary>Runs <paramref name="work"/> with a LocalFolder connector over a new temporary data root, which is then deleted.</summary>
    public static async Task InDataRootAsync(Func<string, LocalFolderConnector, Task> work)
    {
        var root = Directory.CreateTempSubdirectory("flowgrains-bench-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "in"));
            await work(root, new LocalFolderConnector(new DataRoot(Options.Create(new FlowGrainsOptions { DataRoot = root }))));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    public static ImmutableSortedDictionary<string, string> Properties(params (string Key, string Value)[] entries) =>
        entries.ToImmutableSortedDictionary(entry => entry.Key, entry => entry.Value, StringComparer.Ordinal);

    /// <summary>A LocalFolder source or destination: a folder under the data root and a file type name.</summary>
    public static ConnectorConfig Folder(string path, string fileType) =>
        new(LocalFolderConnector.TypeName, Properties(("path", path), ("fileType", fileType)));

    /// <summary>Runs an on-demand flow to its end; anything but a successful run of exactly <paramref name="rows"/> records throws.</summary>
    public static async Task RunFlowAsync(FlowRunner runner, ConnectorConfig source, ConnectorConfig destination, ImmutableArray<FlowTask> tasks, string executionId, long rows)
    {
        var definition = new FlowDefinition(new TriggerConfig(TriggerType.OnDemand), source, [destination], tasks);
        var result = await runner.RunAsync(new FlowRun("bench", executionId, definition, ImmutableSortedDictionary<string, string>.Empty), CancellationToken.None);
        if (result.Status != ExecutionStatus.Successful || result.Result.RecordsProcessed != rows)
        {
            throw new InvalidOperationException(
                $"The flow run ended {result.Status} after {result.Result.RecordsProcessed} of {rows} records: {result.Result.ErrorInfo?.ExecutionMessage}");
        }
    }

    /// <summary>Times <paramref name="phase"/> moving <paramref name="rows"/> rows, sampling the working set from a full collection on.</summary>
    public static async Task<Sample> MeasureAsync(int rows, Func<Task> phase)
    {
        await using var memory = PeakMemorySampler.Start();
        var clock = Stopwatch.StartNew();
        await phase();
        return new Sample(rows / clock.Elapsed.TotalSeconds, memory.PeakBytes);
    }

    /// <summary>Prints the best round of each side, every round, and the ratio against its goal.</summary>
    public static void Report(string baselineName, IReadOnlyList<Sample> baseline, string flowName, IReadOnlyList<Sample> flow, double goal)
    {
        static string Rounds(IReadOnlyList<Sample> samples) => string.Join(", ", samples.Select(sample => sample.RowsPerSecond.ToString("N0")));
        var (baseRate, flowRate) = (baseline.Max(sample => sample.RowsPerSecond), flow.Max(sample => sample.RowsPerSecond));
        var (baseLabel, flowLabel) = ($"baseline ({baselineName})", $"FlowGrains ({flowName})");
        var width = Math.Max(baseLabel.Length, flowLabel.Length);
        Console.WriteLine($"  {baseLabel.PadRight(width)} {baseRate,12:N0} rows/s  peak working set {baseline.Max(sample => sample.PeakBytes) / 1_048_576.0,5:F0} MiB  (rounds: {Rounds(baseline)})");
        Console.WriteLine($"  {flowLabel.PadRight(width)} {flowRate,12:N0} rows/s  peak working set {flow.Max(sample => sample.PeakBytes) / 1_048_576.0,5:F0} MiB  (rounds: {Rounds(flow)})");
        Console.WriteLine($"  ratio FlowGrains / baseline: {flowRate / baseRate:F2} (goal >= {goal:F2})");
    }
}
