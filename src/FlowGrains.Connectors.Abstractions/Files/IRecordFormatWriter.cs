using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// Encodes records in one file format onto a stream it does not own. Nothing is promised about the stream's
/// content until <see cref="FinishAsync"/> has returned.
/// </summary>
public interface IRecordFormatWriter : IAsyncDisposable
{
    /// <summary>
    /// Encodes a batch. A batch the format cannot hold is a <see cref="DestinationWriteException"/> naming the
    /// field, with the whole batch counted as not written.
    /// </summary>
    ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken);

    /// <summary>Writes whatever the format keeps until the end (buffers, footers) and flushes the stream.</summary>
    ValueTask FinishAsync(CancellationToken cancellationToken);
}
