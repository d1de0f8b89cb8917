using System.Text.Json.Nodes;

namespace FlowGrains.Connectors;

/// <summary>A writer that holds a lease on what it writes through (a client, a pool) and returns it when disposed.</summary>
public sealed class LeasedRecordWriter(IRecordWriter inner, IAsyncDisposable lease) : IRecordWriter
{
    /// <inheritdoc />
    public bool CommitsEachBatch => inner.CommitsEachBatch;

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) => inner.WriteAsync(records, cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteAsync(Batches.ColumnBatch batch, CancellationToken cancellationToken) => inner.WriteAsync(batch, cancellationToken);

    /// <inheritdoc />
    public ValueTask<long> CompleteAsync(CancellationToken cancellationToken) => inner.CompleteAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await inner.DisposeAsync();
        }
        finally
        {
            await lease.DisposeAsync();
        }
    }
}
