using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Contracts.Executions;

namespace FlowGrains.DataPlane.Executions;

/// <summary>
/// A run's counts so far and, for a source with an incremental-pull field, how far its committed output
/// reaches: sources read in ascending order of that field, so every record before the newest committed
/// value is written, and a run that resumes from that value (inclusive) neither skips nor loses a record.
/// </summary>
internal sealed class RunProgress(string? datetimeField)
{
    private long _records;
    private long _bytesRead;
    private long _bytesWritten;
    private DateTimeOffset? _newestRead;

    /// <summary>Where a later run can resume from without skipping anything; null when nothing is known to be written.</summary>
    public DateTimeOffset? ResumeFrom { get; private set; }

    /// <summary>Counts a batch read from the source; returns the newest incremental value it holds.</summary>
    public DateTimeOffset? Read(RecordBatch batch)
    {
        _records += batch.Count;
        _bytesRead += batch.BytesRead;
        if (datetimeField is null)
        {
            return null;
        }

        if (batch.Columns is { } columns)
        {
            if (columns.Find(datetimeField) is { } column)
            {
                for (var record = 0; record < columns.Count; record++)
                {
                    Saw(column.ToNode(columns.Row(record)));
                }
            }
        }
        else
        {
            foreach (var record in batch.Records)
            {
                if (record.TryGetPropertyValue(datetimeField, out var node))
                {
                    Saw(node);
                }
            }
        }

        return _newestRead;
    }

    private void Saw(JsonNode? node)
    {
        if (Instant(node) is { } value && !(value <= _newestRead))
        {
            _newestRead = value;
        }
    }

    /// <summary>Every batch up to the one marked <paramref name="newest"/> is durable at every destination.</summary>
    public void Committed(DateTimeOffset? newest) => ResumeFrom = newest ?? ResumeFrom;

    /// <summary>Counts bytes a destination reports when its output is completed.</summary>
    public void Written(long bytes) => _bytesWritten += bytes;

    /// <summary>Everything read is written; the schedule's own window takes over from here.</summary>
    public void CompletedAll() => ResumeFrom = null;

    /// <summary>The counts so far, with <paramref name="error"/> when the run failed.</summary>
    public ExecutionResult Result(string? error, long putFailures) =>
        new(_records, _bytesRead, _bytesWritten, error is null ? null : new ErrorInfo(putFailures, error));

    /// <summary><paramref name="error"/>, followed by where the run stopped when it read anything.</summary>
    public string StoppedMessage(string error) => ResumeFrom is { } resume
        ? $"{error} The run stopped after reading {_records} records; records up to {datetimeField} = {resume.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'} are written and the next run resumes from there."
        : _records > 0 ? $"{error} The run stopped after reading {_records} records." : error;

    private static DateTimeOffset? Instant(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<DateTimeOffset>(out var instant))
        {
            return instant;
        }

        if (value.TryGetValue<DateTime>(out var dateTime))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(dateTime, dateTime.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : dateTime.Kind));
        }

        if (value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<long>(out var epochMs))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
        }

        return value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }
}
