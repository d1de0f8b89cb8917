namespace FlowGrains.Grains.Connectors.Files;

/// <summary>
/// An output file written under a temporary name and moved to its final name only when complete, so a
/// failed or cancelled run leaves no partial file. Final names are per execution id, so the only writer that
/// can meet an existing file is the same run resumed after its silo died: it replaces what the lost attempt
/// left, staged or published.
/// </summary>
public sealed class StagedOutputFile : IStagedOutput
{
    private readonly string _finalPath;
    private readonly string _stagingPath;
    private readonly FileStream _stream;
    private bool _published;

    /// <summary>Opens the staging file <c><paramref name="finalPath"/>.partial</c>, which only one writer can hold.</summary>
    public StagedOutputFile(string finalPath)
    {
        _finalPath = finalPath;
        _stagingPath = finalPath + ".partial";
        _stream = new FileStream(_stagingPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024, useAsync: true);
    }

    /// <inheritdoc />
    public Stream Stream => _stream;

    /// <inheritdoc />
    public async ValueTask<long> PublishAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken);
        var length = _stream.Length;
        await _stream.DisposeAsync();
        File.Move(_stagingPath, _finalPath, overwrite: true);
        _published = true;
        return length;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        if (!_published)
        {
            File.Delete(_stagingPath);
        }
    }
}
