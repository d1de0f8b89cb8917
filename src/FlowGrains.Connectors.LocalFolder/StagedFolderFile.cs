using FlowGrains.Connectors.Files;

namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// An output file written under a temporary name and moved to its final name only when complete, so a
/// failed or cancelled run leaves no partial file. Both names live in one checked folder and are reached only
/// through its handle (see <see cref="ConfinedFolder"/>). Final names are per execution id, so the only writer
/// that can meet an existing file is the same run resumed after its silo died: it replaces what the lost attempt
/// left, staged or published.
/// </summary>
internal sealed class StagedFolderFile : IStagedOutput
{
    private readonly ConfinedFolder _folder;
    private readonly string _fileName;
    private readonly string _stagingName;
    private readonly FileStream _stream;
    private bool _published;

    /// <summary>Opens the staging file <c><paramref name="fileName"/>.partial</c> in <paramref name="folder"/>, which it then owns; only one writer can hold it.</summary>
    public StagedFolderFile(ConfinedFolder folder, string fileName)
    {
        _folder = folder;
        _fileName = fileName;
        _stagingName = fileName + ".partial";
        _stream = folder.CreateExclusive(_stagingName);
    }

    /// <inheritdoc />
    public Stream Stream => _stream;

    /// <inheritdoc />
    public async ValueTask<long> PublishAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken);
        var length = _stream.Length;
        await _stream.DisposeAsync();
        _folder.Rename(_stagingName, _fileName);
        _published = true;
        return length;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        if (!_published)
        {
            _folder.Delete(_stagingName);
        }

        _folder.Dispose();
    }
}
