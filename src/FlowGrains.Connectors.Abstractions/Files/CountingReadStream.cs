using FlowGrains.Connectors.Limits;

namespace FlowGrains.Connectors.Files;

/// <summary>
/// Passes reads through to an inner stream and counts the bytes they return, so a reader can report the
/// bytes read from streams that have no position (an HTTP response body). With a <see cref="LineLengthGuard"/>
/// it also stops at the first line over the limit.
/// </summary>
internal sealed class CountingReadStream(Stream inner, LineLengthGuard? lines = null) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Counted(buffer, inner.Read(buffer));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Counted(buffer.Span, read);
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Counted(ReadOnlySpan<byte> buffer, int read)
    {
        lines?.Observe(buffer[..read]);
        BytesRead += read;
        return read;
    }
}
