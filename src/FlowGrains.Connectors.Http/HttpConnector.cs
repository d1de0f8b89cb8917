using System.Runtime.CompilerServices;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlowGrains.Connectors.Http;

/// <summary>
/// Reads records from, and POSTs records to, a JSON HTTP API named by the flow's connector profile.
/// <para>Profile (<c>connectorProfileProperties.Http</c>): <c>baseUrl</c> (required), <c>headers.NAME</c> (secret
/// unless the header is on <see cref="HttpHeaderRules"/>' safe list),
/// <c>apiKeyHeader</c>; credentials (<c>connectorProfileCredentials.Http</c>), at most one kind:
/// <c>bearerToken</c>, <c>apiKey</c>, or <c>username</c> + <c>password</c>. See <see cref="HttpProfile"/>.</para>
/// <para>Source properties: see <see cref="HttpSourceSettings"/>; destination properties: see
/// <see cref="HttpDestinationSettings"/>; retries: see <see cref="HttpRetrySettings"/>.</para>
/// Messages and logs name a request by method and URL path only, never its query, headers or credentials.
/// Redirects are not followed (a 3xx is a failure), so credentials go to the baseUrl's host only. Connections go
/// through the egress policy (<see cref="IEgressPolicy"/>); a refused host fails the request at once, without retries.
/// A response body longer than <c>FlowGrains:Limits:MaxHttpResponseBytes</c> stops the run as soon as the limit is passed.
/// </summary>
public sealed class HttpConnector(
    IHttpClientFactory httpClients,
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    ILogger<HttpConnector> logger) : IFlowConnector
{
    /// <summary>The connector type name flows and profiles use.</summary>
    public const string TypeName = "Http";

    /// <summary>The name of the <see cref="HttpClient"/> this connector takes from the factory.</summary>
    public const string HttpClientName = "FlowGrains.Connectors.Http";

    /// <inheritdoc />
    public string ConnectorType => TypeName;

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <summary>Source and destination; no file types; destinations insert (each record is POSTed as new).</summary>
    public ConnectorCapabilities Capabilities => new(true, true, [], ["INSERT"], EntityProperty: "path");

    /// <inheritdoc />
    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        if (role == ConnectorRole.Source)
        {
            HttpSourceSettings.Parse(properties, fieldPath);
        }
        else
        {
            HttpDestinationSettings.Parse(properties, fieldPath);
        }
    }

    /// <inheritdoc />
    public void ValidateProfile(ConnectorProfileSettings profile, string fieldPath) => HttpProfile.Parse(profile, fieldPath);

    /// <summary>The baseUrl's host: every request goes there (next links to another origin are refused).</summary>
    public IEnumerable<EgressTarget> EgressTargets(ConnectorProfileSettings profile, string fieldPath) =>
        [new(HttpProfile.Parse(profile, fieldPath).BaseUrl.IdnHost, $"{fieldPath}.connectorProfileProperties.{TypeName}.baseUrl")];

    /// <summary>A header's value is a secret unless the header is on the short safe list (Accept, User-Agent, …).</summary>
    public bool IsSecretProfileProperty(string key) => HttpHeaderRules.IsSecretHeaderProperty(key);

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var settings = HttpSourceSettings.Parse(context.Properties, "sourceConnectorProperties");
        var profile = ProfileOf(context);
        var reader = new HttpSourceReader(Sender(profile, settings.MaxRetries, context), profile, settings, logger);
        await foreach (var batch in reader.ReadAsync(cancellationToken))
        {
            yield return batch;
        }
    }

    /// <inheritdoc />
    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken)
    {
        var settings = HttpDestinationSettings.Parse(context.Properties, "destinationConnectorProperties");
        var profile = ProfileOf(context);
        var url = HttpUrls.Combine(profile.BaseUrl, settings.Path);
        return ValueTask.FromResult<IRecordWriter>(new HttpRecordWriter(Sender(profile, settings.MaxRetries, context), url, settings, profile));
    }

    private HttpExchangeSender Sender(HttpProfile profile, int maxRetries, ConnectorRunContext context) =>
        new(httpClients.CreateClient(HttpClientName), profile, maxRetries, context.Limits.MaxHttpResponseBytes, time, logger);

    private static HttpProfile ProfileOf(ConnectorRunContext context) =>
        context.Profile is { } profile
            ? HttpProfile.Parse(profile, "connectorProfileConfig")
            : throw new ConnectorException("The Http connector needs a connector profile: set connectorProfileName to a profile with a baseUrl.");
}
