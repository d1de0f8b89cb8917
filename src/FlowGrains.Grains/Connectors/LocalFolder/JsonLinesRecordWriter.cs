using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>Writes records as JSON lines.</summary>
internal sealed class JsonLinesRecordWriter(string finalPath) : IRecordWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly StagedOutputFile _file = new(finalPath);

    public async ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            await using (var writer = new Utf8JsonWriter(_file.Stream))
            {
                record.WriteTo(writer);
            }

            await _file.Stream.WriteAsync(NewLine, cancellationToken);
        }
    }

    public ValueTask<long> CompleteAsync(CancellationToken cancellationToken) => _file.PublishAsync();

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
