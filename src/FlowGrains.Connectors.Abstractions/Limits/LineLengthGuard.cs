namespace FlowGrains.Connectors.Limits;

/// <summary>
/// Watches the bytes of a line-based file as they are read and stops the read at the first line longer than
/// the limit, before a reader collects that line in memory. A line counts its bytes up to its '\n'.
/// </summary>
internal sealed class LineLengthGuard(long maxLineBytes, string sourceName)
{
    private long _lineBytes;
    private long _line = 1;

    public void Observe(ReadOnlySpan<byte> read)
    {
        while (read.Length > 0)
        {
            var end = read.IndexOf((byte)'\n');
            var length = end < 0 ? read.Length : end;
            _lineBytes += length;
            if (_lineBytes > maxLineBytes)
            {
                throw RunLimitExceededException.Of($"{sourceName} line {_line}", maxLineBytes, "bytes", nameof(LimitsOptions.MaxRecordBytes));
            }

            if (end < 0)
            {
                return;
            }

            _lineBytes = 0;
            _line++;
            read = read[(end + 1)..];
        }
    }
}
