using System.Net.Http;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Amazon.Runtime;
using Amazon.S3;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// Turns S3 failures into <see cref="ConnectorException"/>s whose messages can be shown in an execution record:
/// they name the bucket, the endpoint and S3's error code, never a credential or the SDK's own message.
/// </summary>
internal sealed class S3Errors(string bucketName, string endpoint)
{
    private static readonly HashSet<string> RefusedCodes = new(StringComparer.Ordinal)
    {
        "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "InvalidToken", "TokenRefreshRequired",
    };

    /// <summary>The exception to throw for <paramref name="exception"/>, or null when it is not an S3 or network failure.</summary>
    public ConnectorException? Translate(Exception exception) => exception switch
    {
        ConnectorException => null,
        AmazonS3Exception { ErrorCode: "NoSuchBucket" } => new($"S3 bucket '{bucketName}' does not exist at {endpoint}.", exception),
        AmazonS3Exception { ErrorCode: { } code } when RefusedCodes.Contains(code) =>
            new($"S3 refused access to bucket '{bucketName}' at {endpoint} ({code}): check the connector profile's credentials and the bucket's permissions.", exception),
        AmazonS3Exception s3 => new($"S3 request for bucket '{bucketName}' at {endpoint} failed ({s3.ErrorCode ?? "no error code"}, HTTP {(int)s3.StatusCode}).", exception),
        _ when EgressRefusedException.Find(exception) is { } refused => new($"The S3 endpoint {endpoint} is refused: {refused.Message}.", exception),
        _ when IsNetworkFailure(exception) => new($"The S3 endpoint {endpoint} could not be reached.", exception),
        AmazonClientException => new($"The S3 request for bucket '{bucketName}' at {endpoint} could not be made ({exception.GetType().Name}).", exception),
        _ => null,
    };

    /// <summary>Runs <paramref name="operation"/>, translating its S3 failures.</summary>
    public async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (Translate(exception) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>Enumerates <paramref name="items"/>, translating S3 failures raised while moving to the next item.</summary>
    public async IAsyncEnumerable<T> GuardAsync<T>(IAsyncEnumerable<T> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var enumerator = items.GetAsyncEnumerator(cancellationToken);
        while (await GuardAsync(async () => await enumerator.MoveNextAsync()))
        {
            yield return enumerator.Current;
        }
    }

    private static bool IsNetworkFailure(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpRequestException or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
