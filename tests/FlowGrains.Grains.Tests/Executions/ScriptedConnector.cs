using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Grains.Tests.Executions;

/// <summary>
/// A connector driven by the test: as a source it yields <see cref="Batches"/>, calling <see cref="BeforeBatch"/>
/// before each one; as a destination it keeps what it is given and refuses batch number <see cref="FailOnBatch"/>.
/// </summary>
internal sealed class ScriptedConnector : IFlowConnector
{
    public const string TypeName = "Scripted";

    public List<List<JsonObject>> Batches { get; } = [];

    public Action<int>? BeforeBatch { get; set; }

    public int? FailOnBatch { get; set; }

    public bool CommitsEachBatch { get; set; } = true;

    public List<JsonObject> Written { get; } = [];

    public string ConnectorType => TypeName;

    public bool CanRead => true;

    public bool CanWrite => true;

    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
    }

    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var i = 0; i < Batches.Count; i++)
        {
            await Task.Yield();
            BeforeBatch?.Invoke(i + 1);
            yield return new RecordBatch(Batches[i], Batches[i].Count * 100);
        }
    }

    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IRecordWriter>(new Writer(this));

    private sealed class Writer(ScriptedConnector owner) : IRecordWriter
    {
        private int _batches;

        public bool CommitsEachBatch => owner.CommitsEachBatch;

        public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
        {
            if (++_batches == owner.FailOnBatch)
            {
                throw new DestinationWriteException($"Batch {_batches} was refused.", records.Count);
            }

            owner.Written.AddRange(records);
            return ValueTask.CompletedTask;
        }

        public ValueTask<long> CompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult((long)owner.Written.Count * 10);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
