using Amazon.Runtime;
using FlowGrains.Connectors.Egress;

namespace FlowGrains.Connectors.S3;

/// <summary>Gives the S3 SDK HTTP clients whose connections go through the egress policy, like every connector's.</summary>
internal sealed class EgressHttpClientFactory(IEgressPolicy egress) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(EgressHttp.Handler(egress));

    // Null keeps the SDK's cache per S3 client: a global cache keyed by settings alone could hand these clients'
    // connections to a client of another policy, or the SDK's own unchecked clients to ours.
    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;
}
