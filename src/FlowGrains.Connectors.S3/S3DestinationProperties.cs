using System.Globalization;
using FlowGrains.Connectors.Files;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// An S3 destination, in AppFlow's shape: <c>{ bucketName, bucketPrefix?, s3OutputFormatConfig?: { fileType?: CSV|JSON|PARQUET,
/// prefixConfig?: { prefixType: FILENAME|PATH|PATH_AND_FILENAME, prefixFormat: YEAR|MONTH|DAY|HOUR|MINUTE },
/// aggregationConfig?: { aggregationType?: None|SingleFile } } }</c>. The file type defaults to JSON (JSON lines).
/// <c>prefixType</c> and <c>prefixFormat</c> go together. Each run writes one object, so both aggregation types are accepted
/// and behave alike.
/// </summary>
internal sealed record S3DestinationProperties(
    string BucketName, string BucketPrefix, FileType FileType, string? PrefixType, string? PrefixFormat)
{
    private const string FileTypeKey = "s3OutputFormatConfig.fileType";
    private const string PrefixTypeKey = "s3OutputFormatConfig.prefixConfig.prefixType";
    private const string PrefixFormatKey = "s3OutputFormatConfig.prefixConfig.prefixFormat";
    private const string AggregationTypeKey = "s3OutputFormatConfig.aggregationConfig.aggregationType";

    public static S3DestinationProperties Parse(IReadOnlyDictionary<string, string> values, string fieldPath)
    {
        var properties = S3PropertyReader.Known(
            values, fieldPath, "bucketName", "bucketPrefix", FileTypeKey, PrefixTypeKey, PrefixFormatKey, AggregationTypeKey);
        var bucketName = S3PropertyReader.BucketName(properties);
        var bucketPrefix = S3PropertyReader.BucketPrefix(properties);
        var fileType = FileFormats.FromName(properties.OneOf(FileTypeKey, "JSON", [.. FileFormats.Names]));
        properties.OneOf(AggregationTypeKey, "None", "None", "SingleFile");

        string? prefixType = null, prefixFormat = null;
        if (properties.Optional(PrefixTypeKey) is not null || properties.Optional(PrefixFormatKey) is not null)
        {
            prefixType = properties.OneOf(PrefixTypeKey, null, "FILENAME", "PATH", "PATH_AND_FILENAME");
            prefixFormat = properties.OneOf(PrefixFormatKey, null, "YEAR", "MONTH", "DAY", "HOUR", "MINUTE");
        }

        return new(bucketName, bucketPrefix, fileType, prefixType, prefixFormat);
    }

    /// <summary>
    /// The key of a run's object: <c>bucketPrefix/flowName/[time path/][time stamp-]executionId.ext</c>, where the time
    /// path (<c>PATH</c>, <c>PATH_AND_FILENAME</c>) is <c>yyyy/MM/dd/HH/mm</c> and the file name stamp (<c>FILENAME</c>,
    /// <c>PATH_AND_FILENAME</c>) is <c>yyyy-MM-dd-HH-mm</c>, both cut to <c>prefixFormat</c>, of <paramref name="runStart"/> in UTC.
    /// </summary>
    public string ObjectKey(string flowName, string executionId, DateTimeOffset runStart)
    {
        var utc = runStart.UtcDateTime;
        var parts = new List<string>();
        if (BucketPrefix.Length > 0)
        {
            parts.Add(BucketPrefix);
        }

        parts.Add(flowName);
        if (PrefixType is "PATH" or "PATH_AND_FILENAME")
        {
            parts.Add(TimeParts(utc, '/'));
        }

        var stamp = PrefixType is "FILENAME" or "PATH_AND_FILENAME" ? TimeParts(utc, '-') + "-" : string.Empty;
        parts.Add(stamp + executionId + FileFormats.OutputExtension(FileType));
        return string.Join('/', parts);
    }

    private string TimeParts(DateTime utc, char separator)
    {
        var count = PrefixFormat switch
        {
            "YEAR" => 1,
            "MONTH" => 2,
            "DAY" => 3,
            "HOUR" => 4,
            _ => 5,
        };
        string[] all = [utc.ToString("yyyy", CultureInfo.InvariantCulture), utc.ToString("MM", CultureInfo.InvariantCulture),
            utc.ToString("dd", CultureInfo.InvariantCulture), utc.ToString("HH", CultureInfo.InvariantCulture), utc.ToString("mm", CultureInfo.InvariantCulture)];
        return string.Join(separator, all.Take(count));
    }
}
