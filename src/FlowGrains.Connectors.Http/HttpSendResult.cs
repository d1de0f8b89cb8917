namespace FlowGrains.Connectors.Http;

/// <summary>
/// How a request ended after its retries: the last response, or, when no response came, why not.
/// <see cref="Request"/> names it for messages (method and path, never the query).
/// </summary>
internal sealed record HttpSendResult(string Request, int Attempts, HttpExchange? Response, string? TransportFailure)
{
    /// <summary>A message that says why the request failed; names no header, query or credential.</summary>
    public string DescribeFailure()
    {
        var tries = Attempts == 1 ? "1 attempt" : $"{Attempts} attempts";
        return Response switch
        {
            null => $"{Request} failed after {tries}: {TransportFailure}.",
            { } last when Attempts > 1 => $"{Request} failed after {tries}: the last response was status {last.DescribeStatus()}.",
            { } only => $"{Request} returned status {only.DescribeStatus()}.",
        };
    }
}
