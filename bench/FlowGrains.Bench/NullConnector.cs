using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Bench;

/// <summary>
/// A connector that moves nothing, so the benchmark measures the StartFlow contract and the run
/// bookkeeping rather than file I/O.
/// </summary>
public sealed class NullConnector : IFlowConnector
{
    public string ConnectorType => "Null";

    public bool CanRead => true;

    public bool CanWrite => true;

    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.CompletedTask;
        yield break;
    }

    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IRecordWriter>(new Writer());

    private sealed class Writer : IRecordWriter
    {
        public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask<long> CompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(0L);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
