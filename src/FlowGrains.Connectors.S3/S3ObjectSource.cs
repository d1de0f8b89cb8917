using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Files;
using FlowGrains.Connectors.Limits;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// Reads the objects of the source's file type under its prefix, in key order (S3 lists keys in ascending UTF-8
/// order), one listing page at a time. CSV and JSON objects are decoded as they stream in; a Parquet object,
/// which can only be read from a seekable stream, is first copied to a temporary file that is deleted when it is read.
/// </summary>
internal static class S3ObjectSource
{
    public static async IAsyncEnumerable<RecordBatch> ReadAsync(
        IAmazonS3 client, S3SourceProperties source, int batchSize, LimitsOptions limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var item in ListAsync(client, source.BucketName, source.ListPrefix, cancellationToken))
        {
            if (!FileFormats.IsInputFile(item.Key, source.FileType))
            {
                continue;
            }

            await foreach (var batch in ReadObjectAsync(client, source, item.Key, batchSize, limits, cancellationToken))
            {
                yield return batch;
            }
        }
    }

    /// <summary>Every object under <paramref name="prefix"/>, in key order, one listing page at a time.</summary>
    internal static async IAsyncEnumerable<S3Object> ListAsync(
        IAmazonS3 client, string bucketName, string prefix, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? continuationToken = null;
        do
        {
            var page = await client.ListObjectsV2Async(
                new ListObjectsV2Request { BucketName = bucketName, Prefix = prefix, ContinuationToken = continuationToken },
                cancellationToken);
            foreach (var item in page.S3Objects ?? [])
            {
                yield return item;
            }

            continuationToken = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (continuationToken is not null);
    }

    private static async IAsyncEnumerable<RecordBatch> ReadObjectAsync(
        IAmazonS3 client, S3SourceProperties source, string key, int batchSize, LimitsOptions limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var response = await client.GetObjectAsync(new GetObjectRequest { BucketName = source.BucketName, Key = key }, cancellationToken);
        await using var content = source.FileType == FileType.Parquet
            ? await CopyToTemporaryFileAsync(response.ResponseStream, cancellationToken)
            : response.ResponseStream;
        await foreach (var batch in FileFormats.ReadAsync(content, key, source.FileType, batchSize, limits, cancellationToken))
        {
            yield return batch;
        }
    }

    /// <summary>A seekable copy of <paramref name="content"/> in a temporary file deleted when the stream is closed (Parquet needs one).</summary>
    internal static async Task<Stream> CopyToTemporaryFileAsync(Stream content, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), $"flowgrains-s3-{Guid.NewGuid():N}.parquet");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        try
        {
            await content.CopyToAsync(file, cancellationToken);
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
