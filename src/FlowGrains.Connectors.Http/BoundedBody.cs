using FlowGrains.Connectors.Limits;

namespace FlowGrains.Connectors.Http;

/// <summary>Reads a response body up to a limit; a longer body (declared or sent) is refused when the limit is passed.</summary>
internal static class BoundedBody
{
    private const int ChunkSize = 81920;

    /// <param name="request">The request as messages name it (method and path).</param>
    public static async Task<byte[]> ReadAsync(HttpContent content, long maxBytes, string request, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > maxBytes)
        {
            throw TooLarge(request, maxBytes);
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var body = new MemoryStream(content.Headers.ContentLength is { } declared ? (int)declared : 0);
        var chunk = new byte[ChunkSize];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                throw TooLarge(request, maxBytes);
            }

            body.Write(chunk, 0, read);
        }

        return body.ToArray();
    }

    private static RunLimitExceededException TooLarge(string request, long maxBytes) =>
        RunLimitExceededException.Of($"The response to {request}", maxBytes, "bytes", nameof(LimitsOptions.MaxHttpResponseBytes));
}
