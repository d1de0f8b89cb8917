namespace FlowGrains.Connectors.Files;

/// <summary>
/// Where one run's output file is written before it is published: published whole by
/// <see cref="PublishAsync"/>, or discarded when disposed unpublished.
/// </summary>
public interface IStagedOutput : IAsyncDisposable
{
    /// <summary>The seekable stream the output is written to.</summary>
    Stream Stream { get; }

    /// <summary>Closes the stream, makes the output visible at its final place and returns its size in bytes.</summary>
    ValueTask<long> PublishAsync(CancellationToken cancellationToken);
}
