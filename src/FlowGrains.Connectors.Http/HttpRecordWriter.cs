using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// Sends a run's records to an Http destination: each batch is POSTed as <c>application/json</c> in requests of at
/// most <c>batchSize</c> records, the body a JSON array of the records (or <c>{ "&lt;bodyRecordsProperty&gt;": [...] }</c>).
/// A 2xx response means the records are delivered, so each batch is committed when <see cref="WriteAsync"/> returns
/// and nothing is undone on dispose. A POST that still fails after its retries stops the batch with a
/// <see cref="DestinationWriteException"/> counting that POST's records and the batch's later ones, none of which were sent.
/// </summary>
internal sealed class HttpRecordWriter(HttpExchangeSender sender, Uri url, HttpDestinationSettings settings, HttpProfile profile) : IRecordWriter
{
    private const int ExcerptLength = 200;
    private long _bytesWritten;

    /// <inheritdoc />
    public bool CommitsEachBatch => true;

    /// <inheritdoc />
    public async ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken)
    {
        for (var start = 0; start < records.Count; start += settings.BatchSize)
        {
            var count = Math.Min(settings.BatchSize, records.Count - start);
            var body = Serialize(records, start, count);
            var result = await sender.SendAsync(HttpMethod.Post, url, body, cancellationToken);
            if (result.Response is not { IsSuccess: true })
            {
                throw new DestinationWriteException(Describe(result), records.Count - start);
            }

            _bytesWritten += body.Length;
        }
    }

    /// <inheritdoc />
    public ValueTask<long> CompleteAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_bytesWritten);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    // Records are written as they are, without being moved into a new array: other destinations share them.
    private byte[] Serialize(IReadOnlyList<JsonObject> records, int start, int count)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (settings.BodyRecordsProperty is { } wrapper)
            {
                json.WriteStartObject();
                json.WritePropertyName(wrapper);
            }

            json.WriteStartArray();
            for (var i = start; i < start + count; i++)
            {
                records[i].WriteTo(json);
            }

            json.WriteEndArray();
            if (settings.BodyRecordsProperty is not null)
            {
                json.WriteEndObject();
            }
        }

        return buffer.ToArray();
    }

    // The response excerpt helps the user see why; a server that echoes the credential or a secret header, in any escaping, gets it masked.
    private string Describe(HttpSendResult result)
    {
        var message = result.DescribeFailure();
        if (result.Response is not { Body.Length: > 0 } response)
        {
            return message;
        }

        var text = SecretMask.Apply(Encoding.UTF8.GetString(response.Body), profile.Secrets);

        var excerpt = text.Length > ExcerptLength ? text[..ExcerptLength] : text;
        return $"{message} Response: {excerpt}";
    }
}
