using FlowGrains.Connectors;
using FlowGrains.Connectors.Limits;
using Microsoft.Extensions.Time.Testing;
using static FlowGrains.Connectors.S3.Tests.S3TestContexts;

namespace FlowGrains.Connectors.S3.Tests;

/// <summary>Profiles with their own credentials each need a client: the connector keeps at most FlowGrains:Limits:MaxS3Clients.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3ClientBoundTests(S3rverFixture s3) : IDisposable
{
    private readonly S3Connector _connector = Connector(new FakeTimeProvider(), limits: new LimitsOptions { MaxS3Clients = 1 });

    public void Dispose() => _connector.Dispose();

    [Fact]
    public async Task ASecondProfile_ReplacesTheFirstProfilesClient_WhichIsMadeAgainWhenNeeded()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "orders/a.csv", "id\n1\n");

        var first = await _connector.ListEntitiesAsync(bucket, Profile(s3.EndpointUrl), 20, null, CancellationToken.None);
        await Assert.ThrowsAsync<ConnectorException>(async () =>
            await _connector.ListEntitiesAsync(bucket, Profile(s3.EndpointUrl, "OTHER", "other-secret"), 20, null, CancellationToken.None));
        var cachedAfterTwoProfiles = _connector.CachedClients;
        var again = await _connector.ListEntitiesAsync(bucket, Profile(s3.EndpointUrl), 20, null, CancellationToken.None);

        Assert.Equal(1, cachedAfterTwoProfiles);
        Assert.Equal(first.Entities.Select(e => e.Name), again.Entities.Select(e => e.Name));
        Assert.NotEmpty(first.Entities);
    }
}
