using System.Text.Json.Nodes;

namespace FlowGrains.Grains.Connectors;

/// <summary>
/// A connector type: where runs read records from and write them to. Register an implementation in
/// the silo's services (<c>services.AddFlowConnector&lt;T&gt;()</c>) and flows can name its
/// <see cref="ConnectorType"/>. A connector instance is shared by all runs, so keep it stateless.
/// </summary>
public interface IFlowConnector
{
    /// <summary>The <c>connectorType</c> flows use to name this connector.</summary>
    string ConnectorType { get; }

    /// <summary>Whether flows can use this connector as their source.</summary>
    bool CanRead { get; }

    /// <summary>Whether flows can use this connector as a destination.</summary>
    bool CanWrite { get; }

    /// <summary>
    /// Checks the connector properties when a flow is created or updated; throws a
    /// <see cref="Contracts.Errors.FlowOperationException"/> naming the field under <paramref name="fieldPath"/>.
    /// </summary>
    void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath);

    /// <summary>Reads the source's records in batches.</summary>
    IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, CancellationToken cancellationToken);

    /// <summary>Opens a writer for one run's output to this destination.</summary>
    ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken);
}

/// <summary>Whether a connector is being used as a source or a destination.</summary>
public enum ConnectorRole
{
    /// <summary>The flow reads from it.</summary>
    Source,
    /// <summary>The flow writes to it.</summary>
    Destination,
}

/// <summary>Records read from a source together with the bytes read to produce them.</summary>
public sealed record RecordBatch(IReadOnlyList<JsonObject> Records, long BytesRead);

/// <summary>
/// What a connector knows about the run it serves. <see cref="EventPayload"/> is set for runs of Event flows;
/// <see cref="DataPullStart"/>..<see cref="DataPullEnd"/> is the range of data a scheduled run pulls (a
/// source that can filter by time should; a null start means everything up to the end).
/// </summary>
public sealed record ConnectorRunContext(
    string FlowName,
    string ExecutionId,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Parameters,
    string? EventPayload = null,
    DateTimeOffset? DataPullStart = null,
    DateTimeOffset? DataPullEnd = null);

/// <summary>
/// One run's output to one destination. Output becomes visible only when <see cref="CompleteAsync"/>
/// succeeds; disposing a writer that was not completed discards what it wrote.
/// </summary>
public interface IRecordWriter : IAsyncDisposable
{
    /// <summary>Writes a batch of records.</summary>
    ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken);

    /// <summary>Publishes the output and returns the number of bytes written.</summary>
    ValueTask<long> CompleteAsync(CancellationToken cancellationToken);
}
