using System.Text;
using System.Text.Json.Nodes;
using Amazon.S3.Model;
using Microsoft.Extensions.Time.Testing;
using static FlowGrains.Connectors.S3.Tests.S3TestContexts;

namespace FlowGrains.Connectors.S3.Tests;

[Collection(S3rverCollection.Name)]
public sealed class S3ConnectorTests(S3rverFixture s3) : IDisposable
{
    private static readonly DateTimeOffset RunStart = new(2024, 3, 7, 9, 5, 30, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(RunStart);
    private readonly S3Connector _connector = Connector(new FakeTimeProvider(RunStart));

    public void Dispose() => _connector.Dispose();

    private async Task<List<string>> KeysAsync(string bucket) =>
        [.. ((await s3.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket })).S3Objects ?? []).Select(item => item.Key)];

    [Theory]
    [InlineData("CSV", "exports/orders/e-1.csv",
        """{"id":"1","name":"ann","score":"2.5"}""" + "\n" + """{"id":"2","name":"Smith, Jo","score":""}""")]
    [InlineData("JSON", "exports/orders/e-1.jsonl",
        """{"id":1,"name":"ann","score":2.5}""" + "\n" + """{"id":2,"name":"Smith, Jo","score":null}""")]
    [InlineData("PARQUET", "exports/orders/e-1.parquet",
        """{"id":1,"name":"ann","score":2.5}""" + "\n" + """{"id":2,"name":"Smith, Jo","score":null}""")]
    public async Task WrittenObject_ReadsBackThroughTheSource(string fileType, string expectedKey, string expectedRecords)
    {
        var bucket = await s3.CreateBucketAsync();
        var profile = Profile(s3.EndpointUrl);
        var destination = new Dictionary<string, string>
        {
            ["bucketName"] = bucket, ["bucketPrefix"] = "exports/", ["s3OutputFormatConfig.fileType"] = fileType,
        };

        var written = await WriteAsync(_connector, Run(destination, profile, "orders", "e-1"),
            new JsonObject { ["id"] = 1, ["name"] = "ann", ["score"] = 2.5 },
            new JsonObject { ["id"] = 2, ["name"] = "Smith, Jo", ["score"] = null });
        var source = new Dictionary<string, string>
        {
            ["bucketName"] = bucket, ["bucketPrefix"] = "exports/orders", ["s3InputFormatConfig.s3InputFileType"] = fileType,
        };
        var batches = await ReadAllAsync(_connector, Run(source, profile));

        Assert.Equal([expectedKey], await KeysAsync(bucket));
        var stored = await s3.Client.GetObjectMetadataAsync(bucket, expectedKey);
        Assert.Equal(stored.ContentLength, written);
        Assert.Equal(expectedRecords, Lines(batches));
    }

    [Theory]
    [InlineData("PATH", "YEAR", "out/daily/2024/e-2.jsonl")]
    [InlineData("PATH", "MONTH", "out/daily/2024/03/e-2.jsonl")]
    [InlineData("PATH", "DAY", "out/daily/2024/03/07/e-2.jsonl")]
    [InlineData("FILENAME", "MINUTE", "out/daily/2024-03-07-09-05-e-2.jsonl")]
    [InlineData("PATH_AND_FILENAME", "HOUR", "out/daily/2024/03/07/09/2024-03-07-09-e-2.jsonl")]
    public async Task PrefixConfig_PutsTheRunStartTimeInThePathOrFileName(string prefixType, string prefixFormat, string expectedKey)
    {
        var bucket = await s3.CreateBucketAsync();
        using var connector = Connector(_time);
        var destination = new Dictionary<string, string>
        {
            ["bucketName"] = bucket, ["bucketPrefix"] = "out",
            ["s3OutputFormatConfig.prefixConfig.prefixType"] = prefixType, ["s3OutputFormatConfig.prefixConfig.prefixFormat"] = prefixFormat,
        };

        await using (var writer = await connector.OpenWriterAsync(Run(destination, Profile(s3.EndpointUrl), "daily", "e-2"), CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["n"] = 1 }], CancellationToken.None);
            _time.Advance(TimeSpan.FromHours(20));
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal([expectedKey], await KeysAsync(bucket));
    }

    [Fact]
    public async Task Source_ReadsTheObjectsUnderItsPrefixInKeyOrder_AndNothingElse()
    {
        var bucket = await s3.CreateBucketAsync();
        await s3.PutAsync(bucket, "in/b.csv", "id\n3\n");
        await s3.PutAsync(bucket, "in/a.csv", "id\n1\n2\n");
        await s3.PutAsync(bucket, "in/sub/c.csv", "id\n4\n");
        await s3.PutAsync(bucket, "in/notes.txt", "id\n97\n");
        await s3.PutAsync(bucket, "input/x.csv", "id\n98\n");
        await s3.PutAsync(bucket, "other/y.csv", "id\n99\n");
        var source = new Dictionary<string, string> { ["bucketName"] = bucket, ["bucketPrefix"] = "in" };

        var batches = await ReadAllAsync(_connector, Run(source, Profile(s3.EndpointUrl)));

        Assert.Equal(["1", "2", "3", "4"], batches.SelectMany(batch => batch.Records).Select(record => record["id"]!.GetValue<string>()));
        Assert.Equal("id\n1\n2\nid\n3\nid\n4\n".Length, batches.Sum(batch => batch.BytesRead));
    }

    [Fact]
    public async Task LargeObject_IsStreamedInBatchesOfAtMostTheBatchSize()
    {
        var bucket = await s3.CreateBucketAsync();
        var csv = new StringBuilder("id,text\n");
        for (var i = 0; i < 50_000; i++)
        {
            csv.Append(i).Append(",row number ").Append(i).Append('\n');
        }

        await s3.PutAsync(bucket, "big/rows.csv", csv.ToString());
        var source = new Dictionary<string, string> { ["bucketName"] = bucket, ["bucketPrefix"] = "big" };

        var batches = await ReadAllAsync(_connector, Run(source, Profile(s3.EndpointUrl)));

        Assert.All(batches, batch => Assert.InRange(batch.Records.Count, 1, S3Connector.BatchSize));
        Assert.Equal(50_000, batches.Sum(batch => batch.Records.Count));
        Assert.Equal("49999", batches[^1].Records[^1]["id"]!.GetValue<string>());
        Assert.Equal(csv.Length, batches.Sum(batch => batch.BytesRead));
    }

    [Fact]
    public async Task OutputLargerThanAPart_IsUploadedInParts_AndReadsBackWhole()
    {
        var bucket = await s3.CreateBucketAsync();
        using var connector = Connector(_time, uploadPartSize: 5 * 1024 * 1024);
        var destination = new Dictionary<string, string> { ["bucketName"] = bucket, ["bucketPrefix"] = "parts" };
        var padding = new string('x', 4096);
        long written;
        await using (var writer = await connector.OpenWriterAsync(Run(destination, Profile(s3.EndpointUrl), "flow", "e-3"), CancellationToken.None))
        {
            for (var batch = 0; batch < 3; batch++)
            {
                await writer.WriteAsync([.. Enumerable.Range(batch * 1000, 1000).Select(i => new JsonObject { ["id"] = i, ["pad"] = padding })], CancellationToken.None);
            }

            written = await writer.CompleteAsync(CancellationToken.None);
        }

        var source = new Dictionary<string, string> { ["bucketName"] = bucket, ["bucketPrefix"] = "parts", ["s3InputFormatConfig.s3InputFileType"] = "JSON" };
        var batches = await ReadAllAsync(connector, Run(source, Profile(s3.EndpointUrl)));

        Assert.InRange(written, 10 * 1024 * 1024 + 1, 15 * 1024 * 1024);
        Assert.Equal(written, (await s3.Client.GetObjectMetadataAsync(bucket, "parts/flow/e-3.jsonl")).ContentLength);
        Assert.Equal(Enumerable.Range(0, 3000), batches.SelectMany(b => b.Records).Select(record => record["id"]!.GetValue<int>()));
    }

    [Fact]
    public async Task UncompletedWriter_UploadsNothing_AndLeavesNoTemporaryFile()
    {
        var bucket = await s3.CreateBucketAsync();
        var before = Directory.GetFiles(Path.GetTempPath(), "flowgrains-s3-*").Length;
        var destination = new Dictionary<string, string> { ["bucketName"] = bucket, ["s3OutputFormatConfig.fileType"] = "PARQUET" };

        await using (var writer = await _connector.OpenWriterAsync(Run(destination, Profile(s3.EndpointUrl)), CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["n"] = 1 }], CancellationToken.None);
            Assert.Equal(before + 1, Directory.GetFiles(Path.GetTempPath(), "flowgrains-s3-*").Length);
        }

        Assert.Empty(await KeysAsync(bucket));
        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), "flowgrains-s3-*").Length);
    }
}
