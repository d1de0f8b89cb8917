using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// One S3 client per distinct profile (endpoint, region, addressing and credentials), shared by all runs that use
/// it; a flow without a profile (when the operator allows ambient credentials) gets one client on the SDK's default
/// credentials (environment, instance role) in us-east-1. Every client connects through the egress policy. At most
/// <c>capacity</c> clients are kept (FlowGrains:Limits:MaxS3Clients): the least recently used one is dropped for a
/// new one, and disposed when the last run using it lets it go.
/// </summary>
internal sealed class S3ClientCache(IEgressPolicy egress, int capacity) : IAsyncDisposable
{
    private const string DefaultIdentity = "";
    private readonly LeasedCache<AmazonS3Client> _clients = new(capacity, client =>
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    });

    /// <summary>How many clients are kept now.</summary>
    public int Count => _clients.Count;

    /// <summary>The client for <paramref name="profile"/>, which stays usable until the lease is disposed.</summary>
    public ValueTask<LeasedCache<AmazonS3Client>.Lease> RentAsync(S3ProfileSettings? profile) =>
        _clients.RentAsync(profile?.Identity ?? DefaultIdentity, () => Create(profile));

    public ValueTask DisposeAsync() => _clients.DisposeAsync();

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
