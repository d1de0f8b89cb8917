using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Errors;
using Microsoft.Extensions.Time.Testing;
using static FlowGrains.Connectors.S3.Tests.S3TestContexts;

namespace FlowGrains.Connectors.S3.Tests;

/// <summary>S3's entity metadata on s3rver: prefixes one level at a time, and the fields of a prefix's first data object.</summary>
[Collection(S3rverCollection.Name)]
public sealed class S3EntityTests(S3rverFixture s3) : IDisposable
{
    private readonly S3Connector _connector = Connector(new FakeTimeProvider());

    public void Dispose() => _connector.Dispose();

    // s3rver rolls up only prefixes with an object directly in them, so every folder here holds one (S3 needs no such help).
    private Task PutAsync(string bucket, string key, string content = "x") => s3.PutAsync(bucket, key, content);

    private Task<ConnectorEntityPage> ListAsync(string path, int maxResults = 20, string? nextToken = null) =>
        _connector.ListEntitiesAsync(path, Profile(s3.EndpointUrl), maxResults, nextToken, CancellationToken.None).AsTask();

    private Task<ImmutableArray<ConnectorEntityField>> DescribeAsync(string name) =>
        _connector.DescribeEntityAsync(name, Profile(s3.EndpointUrl), CancellationToken.None).AsTask();

    private static string Fields(ImmutableArray<ConnectorEntityField> fields) =>
        string.Join(", ", fields.Select(field => $"{field.Identifier}:{field.FieldType}"));

    [Fact]
    public async Task List_ABucket_GivesItsTopPrefixes_NotItsObjects()
    {
        var bucket = await s3.CreateBucketAsync();
        await PutAsync(bucket, "orders/o.csv");
        await PutAsync(bucket, "orders/out/b.csv");
        await PutAsync(bucket, "customers/c.csv");
        await PutAsync(bucket, "loose.csv");

        var page = await ListAsync(bucket);

        Assert.Equal<ConnectorEntity>([new($"{bucket}/customers", "customers", true), new($"{bucket}/orders", "orders", true)], page.Entities);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public async Task List_APrefix_WithOrWithoutItsSlash_GivesTheNextLevel()
    {
        var bucket = await s3.CreateBucketAsync();
        await PutAsync(bucket, "orders/in/a.csv");
        await PutAsync(bucket, "orders/out/b.csv");
        await PutAsync(bucket, "orders/top.csv");

        var slashed = await ListAsync($"{bucket}/orders/");
        var bare = await ListAsync($"{bucket}/orders");

        Assert.Equal<ConnectorEntity>([new($"{bucket}/orders/in", "in", true), new($"{bucket}/orders/out", "out", true)], slashed.Entities);
        Assert.Equal<ConnectorEntity>(slashed.Entities, bare.Entities);
    }

    [Fact]
    public async Task List_InPages_ContinuesWhereThePreviousPageStopped()
    {
        var bucket = await s3.CreateBucketAsync();
        foreach (var key in new[] { "a/1.csv", "a/2.csv", "b/1.csv", "b/2.csv", "c/1.csv", "top.csv" })
        {
            await PutAsync(bucket, key);
        }

        var first = await ListAsync(bucket, maxResults: 2);
        var second = await ListAsync(bucket, maxResults: 2, nextToken: first.NextToken);

        Assert.Equal([$"{bucket}/a", $"{bucket}/b"], first.Entities.Select(entity => entity.Name));
        Assert.Equal("b/", first.NextToken);
        Assert.Equal([$"{bucket}/c"], second.Entities.Select(entity => entity.Name));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task List_WithoutABucket_OrWithAnInvalidOne_IsAValidationError()
    {
        var missing = await Assert.ThrowsAsync<FlowOperationException>(async () =>
            await _connector.ListEntitiesAsync(null, Profile(s3.EndpointUrl), 20, null, CancellationToken.None));
        var invalid = await Assert.ThrowsAsync<FlowOperationException>(() => ListAsync("Bad_Bucket/x"));

        Assert.Equal("entitiesPath: is required for S3: a bucket name, or bucket/prefix.", missing.Message);
        Assert.Equal("entitiesPath: bucket name may contain only lowercase letters, digits, dots and hyphens.", invalid.Message);
    }

    [Fact]
    public async Task List_MissingBucket_IsAConnectorErrorNamingIt()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => ListAsync("no-such-bucket-here"));

        Assert.Equal($"S3 bucket 'no-such-bucket-here' does not exist at {s3.EndpointUrl}.", error.Message);
    }

    [Fact]
    public async Task Describe_CsvPrefix_GivesTheHeaderOfTheFirstDataObjectInKeyOrder()
    {
        var bucket = await s3.CreateBucketAsync();
        await PutAsync(bucket, "orders/0-readme.txt", "not data");
        await PutAsync(bucket, "orders/b.csv", "other\n1\n");
        await PutAsync(bucket, "orders/a/nested.csv", "id,amount\n1,2\n");

        var fields = await DescribeAsync($"{bucket}/orders");

        Assert.Equal("id:String, amount:String", Fields(fields));
    }

    [Fact]
    public async Task Describe_JsonPrefix_TypesTheFirstRecord()
    {
        var bucket = await s3.CreateBucketAsync();
        await PutAsync(bucket, "events/e.jsonl", """{"id":1,"kind":"click","ok":false}""" + "\n");

        var fields = await DescribeAsync($"{bucket}/events/");

        Assert.Equal("id:Number, kind:String, ok:Boolean", Fields(fields));
    }

    [Fact]
    public async Task Describe_ParquetPrefix_GivesTheSchema()
    {
        var bucket = await s3.CreateBucketAsync();
        var destination = new Dictionary<string, string> { ["bucketName"] = bucket, ["bucketPrefix"] = "typed", ["s3OutputFormatConfig.fileType"] = "PARQUET" };
        await WriteAsync(_connector, Run(destination, Profile(s3.EndpointUrl)), new JsonObject { ["id"] = 1, ["name"] = "a" });

        var fields = await DescribeAsync($"{bucket}/typed");

        Assert.Equal("id:Int64, name:String", Fields(fields));
    }

    [Fact]
    public async Task Describe_PrefixWithoutObjects_IsNotFound()
    {
        var bucket = await s3.CreateBucketAsync();
        await PutAsync(bucket, "elsewhere/a.csv");

        var error = await Assert.ThrowsAsync<FlowOperationException>(() => DescribeAsync($"{bucket}/orders"));

        Assert.Equal((FlowErrorCode.NotFound, $"No objects under s3://{bucket}/orders/."), (error.Code, error.Message));
    }

    [Fact]
    public async Task UnknownAccessKey_IsAConnectorError_WithoutTheSecret()
    {
        var bucket = await s3.CreateBucketAsync();
        const string secret = "wrong-secret-5521";

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
            await _connector.ListEntitiesAsync(bucket, Profile(s3.EndpointUrl, "NOBODY", secret), 20, null, CancellationToken.None));

        Assert.Equal(
            $"S3 refused access to bucket '{bucket}' at {s3.EndpointUrl} (InvalidAccessKeyId): check the connector profile's credentials and the bucket's permissions.",
            error.Message);
        Assert.DoesNotContain(secret, error.Message);
    }
}
