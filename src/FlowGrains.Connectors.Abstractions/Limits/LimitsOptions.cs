using System.ComponentModel.DataAnnotations;

namespace FlowGrains.Connectors.Limits;

/// <summary>
/// Size limits on what one run holds in memory, and on the clients and pools connectors keep, bound from
/// <c>FlowGrains:Limits</c>. A run that meets a size limit ends as Error with a message naming the setting, so that
/// a hostile or broken input costs one run, not a silo.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:Limits";

    /// <summary>One CSV or JSON-lines line, and one record read from any source, in bytes (default 1 MiB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxRecordBytes { get; set; } = 1L << 20;

    /// <summary>One Http response body, in bytes (default 64 MiB).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxHttpResponseBytes { get; set; } = 64L << 20;

    /// <summary>The rows one Parquet row group declares (default 1,000,000); checked before anything is read.</summary>
    [Range(1, int.MaxValue)]
    public long MaxParquetRowGroupRows { get; set; } = 1_000_000;

    /// <summary>The uncompressed bytes one Parquet row group declares (default 256 MiB); checked before anything is read.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxParquetRowGroupBytes { get; set; } = 256L << 20;

    /// <summary>The text one Merge task writes for one record, in characters (default 1,048,576).</summary>
    [Range(1, int.MaxValue)]
    public int MaxMergeOutputChars { get; set; } = 1 << 20;

    /// <summary>S3 clients kept for reuse, one per distinct profile (default 100); the least recently used goes first.</summary>
    [Range(1, 100_000)]
    public int MaxS3Clients { get; set; } = 100;

    /// <summary>
    /// PostgreSQL connection pools kept, one per distinct connection string (default 20); the least recently used
    /// closes first, once no run uses it.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxPostgresPools { get; set; } = 20;
}
