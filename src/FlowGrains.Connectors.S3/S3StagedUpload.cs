using Amazon.S3;
using Amazon.S3.Model;
using FlowGrains.Connectors.Files;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// A run's output object, written to a temporary local file while the run streams (memory stays bounded) and
/// uploaded when published: in one PUT up to <c>partSize</c> bytes, as a multipart upload of <c>partSize</c> parts
/// beyond, one part in memory at a time (an upload that fails part-way is aborted). The file is deleted when this is disposed, so an output that
/// is never published uploads nothing and leaves nothing behind. Payloads are signed whole rather than in
/// aws-chunked encoding, which S3-compatible servers do not all understand.
/// </summary>
internal sealed class S3StagedUpload : IStagedOutput
{
    private readonly IAmazonS3 _client;
    private readonly string _bucketName;
    private readonly string _key;
    private readonly long _partSize;
    private readonly S3Errors _errors;
    private readonly FileStream _file;
    private readonly IAsyncDisposable? _clientLease;

    /// <param name="clientLease">Holds <paramref name="client"/> for the upload; returned when this is disposed.</param>
    public S3StagedUpload(IAmazonS3 client, string bucketName, string key, long partSize, S3Errors errors, IAsyncDisposable? clientLease = null)
    {
        (_client, _bucketName, _key, _partSize, _errors, _clientLease) = (client, bucketName, key, partSize, errors, clientLease);
        var path = Path.Combine(Path.GetTempPath(), $"flowgrains-s3-{Guid.NewGuid():N}.partial");
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
    }

    public Stream Stream => _file;

    public async ValueTask<long> PublishAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken);
        var length = _file.Length;
        await _errors.GuardAsync(async () =>
        {
            if (length <= _partSize)
            {
                await PutAsync(cancellationToken);
            }
            else
            {
                await PutInPartsAsync(length, cancellationToken);
            }

            return length;
        });
        return length;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _file.DisposeAsync();
        }
        finally
        {
            await (_clientLease?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
    }

    private async Task PutAsync(CancellationToken cancellationToken)
    {
        _file.Position = 0;
        await _client.PutObjectAsync(
            new PutObjectRequest { BucketName = _bucketName, Key = _key, InputStream = _file, AutoCloseStream = false, UseChunkEncoding = false },
            cancellationToken);
    }

    private async Task PutInPartsAsync(long length, CancellationToken cancellationToken)
    {
        var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucketName, Key = _key }, cancellationToken);
        try
        {
            var parts = new List<PartETag>();
            for (long position = 0; position < length; position += _partSize)
            {
                var part = await UploadPartAsync(upload.UploadId, parts.Count + 1, position, Math.Min(_partSize, length - position), cancellationToken);
                parts.Add(new PartETag(parts.Count + 1, part.ETag));
            }

            await _client.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = _bucketName, Key = _key, UploadId = upload.UploadId, PartETags = parts },
                cancellationToken);
        }
        catch
        {
            await _client.AbortMultipartUploadAsync(
                new AbortMultipartUploadRequest { BucketName = _bucketName, Key = _key, UploadId = upload.UploadId }, CancellationToken.None);
            throw;
        }
    }

    private async Task<UploadPartResponse> UploadPartAsync(string uploadId, int partNumber, long position, long size, CancellationToken cancellationToken)
    {
        // One part at a time is held in memory: the staged file is open exclusively, so the SDK cannot reopen it by path.
        _file.Position = position;
        var window = new byte[size];
        await _file.ReadExactlyAsync(window, cancellationToken);
        using var content = new MemoryStream(window, writable: false);
        return await _client.UploadPartAsync(
            new UploadPartRequest
            {
                BucketName = _bucketName, Key = _key, UploadId = uploadId, PartNumber = partNumber,
                InputStream = content, PartSize = size, UseChunkEncoding = false,
            },
            cancellationToken);
    }
}
