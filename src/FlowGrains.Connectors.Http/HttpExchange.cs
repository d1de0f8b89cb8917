using System.Net;
using System.Net.Http.Headers;

namespace FlowGrains.Connectors.Http;

/// <summary>A response read to its end: status, the headers the connector uses, and the body.</summary>
internal sealed record HttpExchange(
    HttpStatusCode StatusCode,
    byte[] Body,
    RetryConditionHeaderValue? RetryAfter,
    IReadOnlyList<string> LinkHeaders)
{
    /// <summary>Whether the status is 2xx.</summary>
    public bool IsSuccess => (int)StatusCode is >= 200 and <= 299;

    /// <summary>The status as messages show it, for example <c>503 (ServiceUnavailable)</c>.</summary>
    public string DescribeStatus() =>
        Enum.IsDefined(StatusCode) ? $"{(int)StatusCode} ({StatusCode})" : ((int)StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
