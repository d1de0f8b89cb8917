using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Grains.Connectors.Files;

/// <summary>Writes records as JSON lines: one compact JSON object per line, each ended by <c>\n</c>.</summary>
internal sealed class JsonLinesFormatWriter(Stream output) : IRecordFormatWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public async ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await using (var writer = new Utf8JsonWriter(output))
            {
                record.WriteTo(writer);
            }

            await output.WriteAsync(NewLine, cancellationToken);
        }
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken) => await output.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
