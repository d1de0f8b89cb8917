using FlowGrains.DataPlane.Telemetry;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using FlowGrains.Contracts.Executions;
using FlowGrains.Contracts.Flows;

namespace FlowGrains.Grains.Telemetry;

/// <summary>
/// FlowGrains' own instruments, on the meter <see cref="FlowTelemetry.Name"/>: starts by outcome, runs by
/// final status and their duration, records and bytes moved per connector type, how late scheduled slots
/// run, and how long ledger writes take.
/// </summary>
public sealed class FlowMetrics
{
    /// <summary>A start that stored a new run.</summary>
    public const string New = "new";

    /// <summary>A start answered with the outcome its clientToken already had.</summary>
    public const string Replayed = "replayed";

    /// <summary>A start refused (not active, throttled, invalid, …).</summary>
    public const string Refused = "refused";

    private readonly Counter<long> _starts;
    private readonly Counter<long> _runs;
    private readonly Histogram<double> _runDuration;
    private readonly Counter<long> _records;
    private readonly Counter<long> _bytes;
    private readonly Histogram<double> _slotLateness;
    private readonly Histogram<double> _ledgerWrites;

    public FlowMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(FlowTelemetry.Name);
        _starts = meter.CreateCounter<long>("flowgrains.starts", "{start}", "StartFlow calls and events that start runs, by outcome.");
        _runs = meter.CreateCounter<long>("flowgrains.runs", "{run}", "Runs that ended, by final status.");
        _runDuration = meter.CreateHistogram<double>("flowgrains.run.duration", "s", "How long runs took, from start to their end.");
        _records = meter.CreateCounter<long>("flowgrains.records", "{record}", "Records runs read, by source connector type.");
        _bytes = meter.CreateCounter<long>("flowgrains.data", "By", "Bytes runs read from sources and wrote to destinations, by connector type and direction.");
        _slotLateness = meter.CreateHistogram<double>("flowgrains.schedule.lateness", "s", "How long after its slot's run time a scheduled run started.");
        _ledgerWrites = meter.CreateHistogram<double>("flowgrains.ledger.write.duration", "s", "How long flow-ledger writes took, by operation.");
    }

    /// <summary>Counts a start by <paramref name="outcome"/> (<see cref="New"/>, <see cref="Replayed"/>, <see cref="Refused"/>).</summary>
    public void Started(string outcome, TriggerType trigger) =>
        _starts.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("trigger", trigger.ToString()));

    /// <summary>Counts a run's end, its duration and what it moved.</summary>
    public void RunEnded(ExecutionRecord run, FlowDefinition definition)
    {
        var status = new KeyValuePair<string, object?>("status", run.ExecutionStatus.ToString());
        _runs.Add(1, status);
        _runDuration.Record(Math.Max(0, (run.LastUpdatedAt - run.StartedAt).TotalSeconds), status);
        var result = run.ExecutionResult;
        var source = new KeyValuePair<string, object?>("connector", definition.Source.ConnectorType);
        _records.Add(result.RecordsProcessed, source);
        _bytes.Add(result.BytesProcessed, source, new KeyValuePair<string, object?>("direction", "read"));

        // A run reports the bytes written to all destinations together: they are counted under the first.
        _bytes.Add(
            result.BytesWritten,
            new KeyValuePair<string, object?>("connector", definition.Destinations[0].ConnectorType),
            new KeyValuePair<string, object?>("direction", "written"));
    }

    /// <summary>Records how late a scheduled slot's run started.</summary>
    public void SlotRunLate(TimeSpan lateness) => _slotLateness.Record(Math.Max(0, lateness.TotalSeconds));

    /// <summary>Records one ledger write's duration, from <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void LedgerWrite(string operation, long startedAt) =>
        _ledgerWrites.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, new KeyValuePair<string, object?>("operation", operation));
}
