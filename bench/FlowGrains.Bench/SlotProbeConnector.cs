using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FlowGrains.Connectors;

namespace FlowGrains.Bench;

/// <summary>
/// A source that reads nothing but notes the wall-clock moment each run opened it, with the run's slot
/// (its data pull end): when the run really began, as opposed to when its record says it started.
/// </summary>
public sealed class SlotProbeConnector : IFlowConnector
{
    /// <summary>Each run's flow, slot and the moment it opened its source.</summary>
    public ConcurrentQueue<(string Flow, DateTimeOffset? Slot, DateTimeOffset OpenedAt)> Opened { get; } = new();

    public string ConnectorType => "SlotProbe";

    public bool CanRead => true;

    public bool CanWrite => false;

    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Opened.Enqueue((context.FlowName, context.DataPullEnd, DateTimeOffset.UtcNow));
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        throw new NotSupportedException("SlotProbe is a source only.");
}
