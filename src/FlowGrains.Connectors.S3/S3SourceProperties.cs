using FlowGrains.Connectors.Files;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// An S3 source, in AppFlow's shape: <c>{ bucketName, bucketPrefix?, s3InputFormatConfig?: { s3InputFileType?: CSV|JSON|PARQUET } }</c>.
/// The file type defaults to CSV. The prefix is a folder: objects under <c>bucketPrefix/</c> are read, at any depth.
/// </summary>
internal sealed record S3SourceProperties(string BucketName, string BucketPrefix, FileType FileType)
{
    private const string FileTypeKey = "s3InputFormatConfig.s3InputFileType";

    /// <summary>The listing prefix: the bucket prefix as a folder (<c>prefix/</c>), or empty for the whole bucket.</summary>
    public string ListPrefix => BucketPrefix.Length == 0 ? string.Empty : BucketPrefix + "/";

    public static S3SourceProperties Parse(IReadOnlyDictionary<string, string> values, string fieldPath)
    {
        var properties = S3PropertyReader.Known(values, fieldPath, "bucketName", "bucketPrefix", FileTypeKey);
        return new(
            S3PropertyReader.BucketName(properties),
            S3PropertyReader.BucketPrefix(properties),
            FileFormats.FromName(properties.OneOf(FileTypeKey, "CSV", [.. FileFormats.Names])));
    }
}
