using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// Reads an Http source page by page, one <see cref="RecordBatch"/> per page (BytesRead = the body's length).
/// Pages are requested with GET until the cursor or next link is missing, null or empty, or <c>maxPages</c> pages
/// were read. A cursor or link the server already gave is an error ("pagination did not advance"), and so is a
/// next link to another origin than the profile's baseUrl (credentials are sent only there).
/// </summary>
internal sealed class HttpSourceReader(HttpExchangeSender sender, HttpProfile profile, HttpSourceSettings settings, ILogger logger)
{
    public async IAsyncEnumerable<RecordBatch> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var firstUrl = HttpUrls.Combine(profile.BaseUrl, settings.Path);
        var seen = new HashSet<string>(StringComparer.Ordinal) { firstUrl.AbsoluteUri };
        Uri? url = firstUrl;
        for (var page = 1; url is not null; page++)
        {
            var result = await sender.SendAsync(HttpMethod.Get, url, null, cancellationToken);
            if (result.Response is not { IsSuccess: true } response)
            {
                throw new ConnectorException($"Page {page}: {result.DescribeFailure()}");
            }

            var where = $"Page {page} of {result.Request}";
            var body = ParseBody(response.Body, where);
            yield return new RecordBatch(Records(body, where), response.Body.Length);

            url = NextUrl(firstUrl, url, body, response, where);
            if (url is not null && !seen.Add(url.AbsoluteUri))
            {
                throw new ConnectorException($"{where}: pagination did not advance (the server repeated an earlier {(settings.Pagination == HttpPaginationType.Cursor ? "cursor" : "next link")}).");
            }

            if (url is not null && page == settings.MaxPages)
            {
                HttpConnectorLog.PageLimitReached(logger, result.Request, page);
                yield break;
            }
        }
    }

    private static JsonNode? ParseBody(byte[] body, string where)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            throw new ConnectorException($"{where}: the response body is not JSON.");
        }
    }

    private List<JsonObject> Records(JsonNode? body, string where)
    {
        var found = settings.RecordsPath is null ? body : settings.RecordsPath.Find(body);
        if (found is not JsonArray array)
        {
            throw new ConnectorException(settings.RecordsPath is null
                ? $"{where}: the response body is not a JSON array (set recordsPath to where the records are)."
                : $"{where}: '{settings.RecordsPath.Text}' is not a JSON array.");
        }

        var records = new List<JsonObject>(array.Count);
        for (var index = 0; index < array.Count; index++)
        {
            records.Add(array[index] as JsonObject ?? throw new ConnectorException($"{where}: record {index} is not a JSON object."));
        }

        // Detach the records from the parsed array so tasks may move them into new documents.
        array.Clear();
        return records;
    }

    private Uri? NextUrl(Uri firstUrl, Uri currentUrl, JsonNode? body, HttpExchange response, string where)
    {
        switch (settings.Pagination)
        {
            case HttpPaginationType.Cursor:
                var cursor = TextAt(settings.CursorPath!, body, where);
                return cursor is null ? null : HttpUrls.WithQueryParameter(firstUrl, settings.CursorParameter!, cursor);
            case HttpPaginationType.NextLink:
                var link = settings.NextLinkPath is null ? LinkHeader.FindNext(response.LinkHeaders) : TextAt(settings.NextLinkPath, body, where);
                return string.IsNullOrEmpty(link) ? null : ResolveLink(currentUrl, link, where);
            default:
                return null;
        }
    }

    // A cursor may be a string or a number; a missing, null or empty one ends the pages.
    private static string? TextAt(JsonBodyPath path, JsonNode? body, string where) => path.Find(body) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>() is { Length: > 0 } text ? text : null,
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.ToJsonString(),
        _ => throw new ConnectorException($"{where}: '{path.Text}' is neither a string nor a number."),
    };

    private Uri ResolveLink(Uri currentUrl, string link, string where)
    {
        if (!Uri.TryCreate(currentUrl, link, out var next) || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
        {
            throw new ConnectorException($"{where}: the next link is not an http or https URL.");
        }

        return HttpUrls.IsSameOrigin(next, profile.BaseUrl)
            ? next
            : throw new ConnectorException($"{where}: the next link leads to another host than the profile's baseUrl; it is not followed.");
    }
}
