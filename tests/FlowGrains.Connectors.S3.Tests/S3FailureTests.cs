using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using Microsoft.Extensions.Time.Testing;
using static FlowGrains.Connectors.S3.Tests.S3TestContexts;

namespace FlowGrains.Connectors.S3.Tests;

[Collection(S3rverCollection.Name)]
public sealed class S3FailureTests(S3rverFixture s3) : IDisposable
{
    private readonly S3Connector _connector = Connector(new FakeTimeProvider());

    public void Dispose() => _connector.Dispose();

    [Fact]
    public async Task SourceOnAMissingBucket_FailsNamingTheBucket()
    {
        var source = new Dictionary<string, string> { ["bucketName"] = "no-such-bucket" };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync(_connector, Run(source, Profile(s3.EndpointUrl))));

        Assert.Equal($"S3 bucket 'no-such-bucket' does not exist at {s3.EndpointUrl}.", error.Message);
    }

    [Fact]
    public async Task DestinationOnAMissingBucket_FailsOnCompletion_NamingTheBucket()
    {
        var destination = new Dictionary<string, string> { ["bucketName"] = "no-such-bucket" };

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            WriteAsync(_connector, Run(destination, Profile(s3.EndpointUrl)), new JsonObject { ["n"] = 1 }));

        Assert.Equal($"S3 bucket 'no-such-bucket' does not exist at {s3.EndpointUrl}.", error.Message);
    }

    // s3rver checks access key ids but not SigV4 signatures, so a wrong secret key cannot be tested against it.
    [Fact]
    public async Task UnknownAccessKey_IsRefused_WithAMessageThatDoesNotContainTheSecret()
    {
        var bucket = await s3.CreateBucketAsync();
        var destination = new Dictionary<string, string> { ["bucketName"] = bucket };

        var error = await Assert.ThrowsAsync<ConnectorException>(() =>
            WriteAsync(_connector, Run(destination, Profile(s3.EndpointUrl, "NOBODY", "secret-Zq81x")), new JsonObject { ["n"] = 1 }));

        Assert.Equal(
            $"S3 refused access to bucket '{bucket}' at {s3.EndpointUrl} (InvalidAccessKeyId): check the connector profile's credentials and the bucket's permissions.",
            error.Message);
        Assert.DoesNotContain("secret-Zq81x", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableEndpoint_FailsSayingSo()
    {
        var endpoint = new Uri("http://127.0.0.1:1/");
        var source = new Dictionary<string, string> { ["bucketName"] = "some-bucket" };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync(_connector, Run(source, Profile(endpoint))));

        Assert.Equal("The S3 endpoint http://127.0.0.1:1/ could not be reached.", error.Message);
    }
}
