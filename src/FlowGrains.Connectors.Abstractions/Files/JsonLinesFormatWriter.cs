using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FlowGrains.Connectors.Files;

/// <summary>Writes records as JSON lines: one compact JSON object per line, each ended by <c>\n</c>.</summary>
internal sealed class JsonLinesFormatWriter : IRecordFormatWriter
{
    // A batch is encoded into memory and written in one go: one writer for the run, reset per line.
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly Stream _output;

    public JsonLinesFormatWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_buffer);
    }

    public async ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        foreach (var record in records)
        {
            record.WriteTo(_json);
            _json.Flush();
            _json.Reset();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
        }

        await _output.WriteAsync(_buffer.WrittenMemory, cancellationToken);
        _buffer.ResetWrittenCount();
    }

    public async ValueTask FinishAsync(CancellationToken cancellationToken) => await _output.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _json.DisposeAsync();
}
