using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Files;

/// <summary>A run's output as one file: records are encoded onto a staged output that is published on completion.</summary>
public sealed class FileRecordWriter : IRecordWriter
{
    private readonly IStagedOutput _output;
    private readonly IRecordFormatWriter _format;

    /// <summary>Writes records in <paramref name="fileType"/> to <paramref name="output"/>, which the writer then owns.</summary>
    public FileRecordWriter(IStagedOutput output, FileType fileType)
    {
        _output = output;
        _format = FileFormats.CreateFormatWriter(output.Stream, fileType);
    }

    /// <inheritdoc />
    public ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken) =>
        _format.WriteAsync(records, cancellationToken);

    /// <inheritdoc />
    public async ValueTask<long> CompleteAsync(CancellationToken cancellationToken)
    {
        await _format.FinishAsync(cancellationToken);
        return await _output.PublishAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _format.DisposeAsync();
        }
        finally
        {
            await _output.DisposeAsync();
        }
    }
}
