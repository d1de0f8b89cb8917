using System.Collections.Concurrent;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using FlowGrains.Grains.Connectors.Egress;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// One S3 client per distinct profile (endpoint, region, addressing and credentials), shared by all runs that use
/// it; a flow without a profile (when the operator allows ambient credentials) gets one client on the SDK's default
/// credentials (environment, instance role) in us-east-1. Every client connects through the egress policy. Clients
/// live until the cache is disposed.
/// </summary>
internal sealed class S3ClientCache(IEgressPolicy egress) : IDisposable
{
    private const string DefaultIdentity = "";
    private readonly ConcurrentDictionary<string, Lazy<AmazonS3Client>> _clients = new(StringComparer.Ordinal);

    public IAmazonS3 For(S3ProfileSettings? profile) =>
        _clients.GetOrAdd(profile?.Identity ?? DefaultIdentity, _ => new Lazy<AmazonS3Client>(() => Create(profile))).Value;

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(client => client.IsValueCreated))
        {
            client.Value.Dispose();
        }

        _clients.Clear();
    }

    private AmazonS3Client Create(S3ProfileSettings? profile)
    {
        if (profile is null)
        {
            return new AmazonS3Client(new AmazonS3Config { RegionEndpoint = RegionEndpoint.USEast1, HttpClientFactory = new EgressHttpClientFactory(egress) });
        }

        var config = new AmazonS3Config { ForcePathStyle = profile.ForcePathStyle, HttpClientFactory = new EgressHttpClientFactory(egress) };
        if (profile.EndpointUrl is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = profile.Region;

            // S3-compatible servers often lack the flexible checksums AWS added in 2025; send them only when an operation needs them.
            config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
            config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(profile.Region);
        }

        return new AmazonS3Client(profile.Credentials, config);
    }
}
