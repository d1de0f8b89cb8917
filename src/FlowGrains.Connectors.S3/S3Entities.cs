using System.Collections.Immutable;
using Amazon.S3;
using Amazon.S3.Model;
using FlowGrains.Connectors.Files;
using FlowGrains.Errors;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// S3's entities are prefixes, as folders: listing <c>bucket</c> or <c>bucket/prefix/</c> gives the common prefixes
/// one level down (delimiter <c>/</c>), named <c>bucket/prefix/sub</c>, each with nested entities possible, in key order. A prefix's
/// fields are those of the first data object under it in key order, at any depth, as a source reads them (see
/// <see cref="FileFields"/>). The page position is the last common prefix handed out.
/// </summary>
internal static class S3Entities
{
    public static async Task<ConnectorEntityPage> ListAsync(
        IAmazonS3 client, S3EntityPath path, int maxResults, string? after, CancellationToken cancellationToken)
    {
        var prefixes = new SortedSet<string>(StringComparer.Ordinal);
        string? continuationToken = null;
        do
        {
            // Starting after the last prefix handed out still meets its own objects (they sort after it) rolled up
            // into it again, so prefixes up to it are dropped here; objects beside the prefixes count against
            // MaxKeys too, so filling a page can take several requests.
            var page = await client.ListObjectsV2Async(
                new ListObjectsV2Request
                {
                    BucketName = path.BucketName,
                    Prefix = path.ListPrefix,
                    Delimiter = "/",
                    StartAfter = continuationToken is null ? after : null,
                    ContinuationToken = continuationToken,
                    MaxKeys = maxResults + 1 - prefixes.Count,
                },
                cancellationToken);
            prefixes.UnionWith((page.CommonPrefixes ?? []).Where(prefix => after is null || string.CompareOrdinal(prefix, after) > 0));
            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuationToken is not null && prefixes.Count <= maxResults);

        var taken = prefixes.Take(maxResults).ToList();
        var entities = taken.Select(prefix => prefix.TrimEnd('/')).Select(folder =>
            new ConnectorEntity($"{path.BucketName}/{folder}", folder[(folder.LastIndexOf('/') + 1)..], HasNestedEntities: true));
        var more = prefixes.Count > maxResults || continuationToken is not null;
        return new ConnectorEntityPage([.. entities], more && taken.Count > 0 ? taken[^1] : null);
    }

    public static async Task<ImmutableArray<ConnectorEntityField>> DescribeAsync(IAmazonS3 client, S3EntityPath path, CancellationToken cancellationToken)
    {
        var anyObject = false;
        await foreach (var item in S3ObjectSource.ListAsync(client, path.BucketName, path.ListPrefix, cancellationToken))
        {
            anyObject = true;
            if (FileFormats.TypeOfFile(item.Key) is { } fileType)
            {
                return await ReadFieldsAsync(client, path.BucketName, item.Key, fileType, cancellationToken);
            }
        }

        return anyObject
            ? []
            : throw new FlowOperationException(FlowErrorCode.NotFound, $"No objects under s3://{path.BucketName}/{path.ListPrefix}.");
    }

    private static async Task<ImmutableArray<ConnectorEntityField>> ReadFieldsAsync(
        IAmazonS3 client, string bucketName, string key, FileType fileType, CancellationToken cancellationToken)
    {
        using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = bucketName, Key = key }, cancellationToken);
        await using var content = fileType == FileType.Parquet
            ? await S3ObjectSource.CopyToTemporaryFileAsync(response.ResponseStream, cancellationToken)
            : response.ResponseStream;
        return await FileFields.ReadAsync(content, key, fileType, cancellationToken);
    }
}
