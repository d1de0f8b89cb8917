namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>
/// An output file written under a temporary name and moved to its final name only when complete, so a
/// failed or cancelled run leaves no partial file. Final names are per execution id, so the only writer that
/// can meet an existing file is the same run resumed after its silo died: it replaces what the lost attempt
/// left, staged or published.
/// </summary>
internal sealed class StagedOutputFile : IAsyncDisposable
{
    private readonly string _finalPath;
    private readonly string _stagingPath;
    private bool _published;

    public StagedOutputFile(string finalPath)
    {
        _finalPath = finalPath;
        _stagingPath = finalPath + ".partial";
        Stream = new FileStream(_stagingPath, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
    }

    public FileStream Stream { get; }

    public async ValueTask<long> PublishAsync()
    {
        await Stream.FlushAsync();
        var length = Stream.Length;
        await Stream.DisposeAsync();
        File.Move(_stagingPath, _finalPath, overwrite: true);
        _published = true;
        return length;
    }

    public async ValueTask DisposeAsync()
    {
        await Stream.DisposeAsync();
        if (!_published)
        {
            File.Delete(_stagingPath);
        }
    }
}
