using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Errors;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Schema;

namespace FlowGrains.Grains.Tests.Connectors;

public sealed class LocalFolderConnectorTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flowgrains-folder-").FullName;
    private readonly LocalFolderConnector _connector;

    public LocalFolderConnectorTests()
    {
        _connector = new LocalFolderConnector(new DataRoot(Options.Create(new FlowGrainsOptions { DataRoot = _root })));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ConnectorRunContext Context(string path, string fileType, string executionId = "run-1") =>
        new("flow", executionId, new Dictionary<string, string> { ["path"] = path, ["fileType"] = fileType }, new Dictionary<string, string>());

    private async Task<List<JsonObject>> ReadAllAsync(string path, string fileType)
    {
        var records = new List<JsonObject>();
        await foreach (var batch in _connector.ReadAsync(Context(path, fileType), CancellationToken.None))
        {
            records.AddRange(batch.Records);
        }

        return records;
    }

    [Fact]
    public async Task AResumedRun_ReplacesWhatItsLostAttemptLeft_StagedOrPublished()
    {
        var output = Path.Combine(_root, "out");
        Directory.CreateDirectory(output);
        await File.WriteAllTextAsync(Path.Combine(output, "run-1.jsonl"), "{\"from\":\"lost attempt\"}\n");
        await File.WriteAllTextAsync(Path.Combine(output, "run-1.jsonl.partial"), "{\"half\":");

        await using (var writer = await _connector.OpenWriterAsync(Context("out", "JSON"), CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["from"] = "resumed" }], CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        Assert.Equal(["run-1.jsonl"], Directory.GetFiles(output).Select(Path.GetFileName));
        Assert.Equal("{\"from\":\"resumed\"}\n", await File.ReadAllTextAsync(Path.Combine(output, "run-1.jsonl")));
    }

    [Fact]
    public async Task ReadsCsvFilesInNameOrder_WithQuotedFields()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "b.csv"), "id,name\n3,\"Smith, Jo\"\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "a.csv"), "id,name\n1,ann\n2,bo\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "ignored.txt"), "not csv");

        var records = await ReadAllAsync("in", "CSV");

        Assert.Equal(["1", "2", "3"], records.Select(r => r["id"]!.GetValue<string>()));
        Assert.Equal("Smith, Jo", records[2]["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadsJsonLines_AndCountsTheBytesRead()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        var text = "{\"a\":1}\n\n{\"a\":2,\"b\":{\"c\":true}}\n";
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "x.jsonl"), text);

        long bytes = 0;
        var records = new List<JsonObject>();
        await foreach (var batch in _connector.ReadAsync(Context("in", "JSON"), CancellationToken.None))
        {
            bytes += batch.BytesRead;
            records.AddRange(batch.Records);
        }

        Assert.Equal(2, records.Count);
        Assert.True(records[1]["b"]!["c"]!.GetValue<bool>());
        Assert.Equal(text.Length, bytes);
    }

    [Fact]
    public async Task InvalidJsonLine_FailsNamingFileAndLine()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        await File.WriteAllTextAsync(Path.Combine(_root, "in", "x.json"), "{\"a\":1}\n[1,2]\n");

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("in", "JSON"));

        Assert.Equal("x.json line 2: not a JSON object.", error.Message);
    }

    [Fact]
    public async Task MissingSourceFolder_FailsWithItsRelativePath()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("nowhere", "CSV"));

        Assert.Equal("Source folder 'nowhere' does not exist.", error.Message);
    }

    [Fact]
    public async Task PathThatIsAFile_FailsAsNoFolder_ForSourceAndDestination()
    {
        await File.WriteAllTextAsync(Path.Combine(_root, "x.csv"), "id\n1\n");

        var read = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("x.csv", "CSV"));
        var write = await Assert.ThrowsAsync<ConnectorException>(async () => await _connector.OpenWriterAsync(Context("x.csv", "CSV"), CancellationToken.None));

        Assert.Equal("Source folder 'x.csv' does not exist.", read.Message);
        Assert.Equal("Destination folder 'x.csv' is a file, not a folder.", write.Message);
    }

    [Theory]
    [InlineData("CSV", "r-9.csv", "n,s\r\n1,x\r\n2,\"a,b\"\r\n")]
    [InlineData("JSON", "r-9.jsonl", "{\"n\":1,\"s\":\"x\"}\n{\"n\":2,\"s\":\"a,b\"}\n")]
    public async Task Writer_PublishesOneFileNamedByTheExecution(string fileType, string fileName, string expected)
    {
        await using (var writer = await _connector.OpenWriterAsync(Context("out", fileType, "r-9"), CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["n"] = 1, ["s"] = "x" }, new JsonObject { ["n"] = 2, ["s"] = "a,b" }], CancellationToken.None);
            var bytes = await writer.CompleteAsync(CancellationToken.None);
            Assert.Equal(expected.Length, bytes);
        }

        Assert.Equal([fileName], Directory.GetFiles(Path.Combine(_root, "out")).Select(Path.GetFileName));
        Assert.Equal(expected, await File.ReadAllTextAsync(Path.Combine(_root, "out", fileName)));
    }

    [Fact]
    public async Task UncompletedWriter_LeavesNoFile()
    {
        await using (var writer = await _connector.OpenWriterAsync(Context("out", "JSON", "r-10"), CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["n"] = 1 }], CancellationToken.None);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(_root, "out")));
    }

    [Fact]
    public async Task TwoWritersOfOneExecutionAtOnce_TheSecondCannotOpen()
    {
        await using var first = await _connector.OpenWriterAsync(Context("out", "JSON", "r-11"), CancellationToken.None);

        await Assert.ThrowsAsync<IOException>(async () => await _connector.OpenWriterAsync(Context("out", "JSON", "r-11"), CancellationToken.None));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("/tmp")]
    [InlineData("a/../../escape")]
    public void PathOutsideTheDataRoot_IsRejectedAtValidation(string path)
    {
        var properties = new Dictionary<string, string> { ["path"] = path, ["fileType"] = "CSV" };

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(ConnectorRole.Source, properties, "src"));

        Assert.Equal("src.path: must be a folder inside the data root.", error.Message);
    }

    [Fact]
    public async Task SymbolicLinkOutOfTheDataRoot_IsRefusedAtRunTime()
    {
        var outside = Directory.CreateTempSubdirectory("flowgrains-outside-").FullName;
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(_root, "link"), outside);

            var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("link", "CSV"));

            Assert.Equal("Folder 'link' links outside the data root.", error.Message);
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    private async Task WriteBatchesAsync(string fileType, string executionId, params JsonObject[][] batches)
    {
        await using var writer = await _connector.OpenWriterAsync(Context("out", fileType, executionId), CancellationToken.None);
        foreach (var batch in batches)
        {
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        await writer.CompleteAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Parquet_RoundTripsTypedValuesAndNulls()
    {
        await WriteBatchesAsync("PARQUET", "r-20",
        [
            new JsonObject { ["id"] = 1, ["price"] = 2.5, ["ok"] = true, ["name"] = "ann", ["note"] = null, ["tags"] = new JsonObject { ["x"] = 1 } },
            new JsonObject { ["id"] = -7, ["price"] = 3, ["ok"] = false, ["name"] = null, ["tags"] = new JsonArray(1, "b") },
            new JsonObject { ["id"] = 9_000_000_000L, ["name"] = "1", ["mixed"] = "x" },
            new JsonObject { ["mixed"] = 4 },
        ]);

        var records = await ReadAllAsync("out", "PARQUET");

        Assert.Equal(["r-20.parquet"], Directory.GetFiles(Path.Combine(_root, "out")).Select(Path.GetFileName));
        Assert.Equal(
            string.Join('\n',
            [
                """{"id":1,"price":2.5,"ok":true,"name":"ann","note":null,"tags":"{\u0022x\u0022:1}","mixed":null}""",
                """{"id":-7,"price":3,"ok":false,"name":null,"note":null,"tags":"[1,\u0022b\u0022]","mixed":null}""",
                """{"id":9000000000,"price":null,"ok":null,"name":"1","note":null,"tags":null,"mixed":"x"}""",
                """{"id":null,"price":null,"ok":null,"name":null,"note":null,"tags":null,"mixed":"4"}""",
            ]),
            string.Join('\n', records.Select(record => record.ToJsonString())));
    }

    [Fact]
    public async Task Parquet_WritesOneRowGroupPerBatch_AndReadsBackInBatchesOfAtMostAThousand()
    {
        static JsonObject[] Rows(int from, int count) =>
            [.. Enumerable.Range(from, count).Select(i => new JsonObject { ["id"] = i, ["label"] = $"row {i}" })];
        await WriteBatchesAsync("PARQUET", "r-21", Rows(0, 1200), Rows(1200, 1200), Rows(2400, 100));

        var batchSizes = new List<int>();
        var ids = new List<long>();
        await foreach (var batch in _connector.ReadAsync(Context("out", "PARQUET"), CancellationToken.None))
        {
            batchSizes.Add(batch.Records.Count);
            ids.AddRange(batch.Records.Select(record => record["id"]!.GetValue<long>()));
        }

        await using var file = File.OpenRead(Path.Combine(_root, "out", "r-21.parquet"));
        await using var reader = await ParquetReader.CreateAsync(file);
        Assert.Equal(3, reader.RowGroupCount);
        Assert.Equal([1000, 1000, 500], batchSizes);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), ids);
    }

    [Fact]
    public async Task Parquet_ReadsAFileWrittenByParquetNetDirectly()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        var count = new DataField<int>("count");
        var name = new DataField<string>("name");
        var score = new DataField<double?>("score");
        var at = new DataField<DateTime>("at");
        await using (var file = File.Create(Path.Combine(_root, "in", "direct.parquet")))
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(count, name, score, at), file))
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<int>(count, new[] { 5, 6 });
            await rowGroup.WriteAsync(name, new[] { "x", null! });
            await rowGroup.WriteAsync<double>(score, new double?[] { null, 0.25 });
            await rowGroup.WriteAsync<DateTime>(at, new[] { new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), new DateTime(2025, 1, 2, 0, 0, 0, DateTimeKind.Utc) });
            rowGroup.CompleteValidate();
        }

        var records = await ReadAllAsync("in", "PARQUET");

        Assert.Equal(
            string.Join('\n',
            [
                """{"count":5,"name":"x","score":null,"at":"2024-05-06T07:08:09.0000000"}""",
                """{"count":6,"name":null,"score":0.25,"at":"2025-01-02T00:00:00.0000000"}""",
            ]),
            string.Join('\n', records.Select(record => record.ToJsonString())));
    }

    [Fact]
    public async Task Parquet_FieldFirstSeenInALaterBatch_IsRefusedNamingIt()
    {
        await using var writer = await _connector.OpenWriterAsync(Context("out", "PARQUET", "r-22"), CancellationToken.None);
        await writer.WriteAsync([new JsonObject { ["a"] = 1 }], CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(async () =>
            await writer.WriteAsync([new JsonObject { ["a"] = 2 }, new JsonObject { ["b"] = 3 }], CancellationToken.None));

        Assert.Equal("Parquet output: field 'b' is not in the file's schema, which is taken from the first batch's fields.", error.Message);
        Assert.Equal(2, error.FailedRecords);
    }

    [Fact]
    public async Task Parquet_TextInAnIntegerColumn_IsRefusedNamingTheFieldAndRecord()
    {
        await using var writer = await _connector.OpenWriterAsync(Context("out", "PARQUET", "r-23"), CancellationToken.None);
        await writer.WriteAsync([new JsonObject { ["a"] = 1 }], CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(async () =>
            await writer.WriteAsync([new JsonObject { ["a"] = 2 }, new JsonObject { ["a"] = "two" }], CancellationToken.None));

        Assert.Equal("Parquet output: field 'a' of record 2 in the batch is text, but its column holds an integer (set by the first batch).", error.Message);
    }

    [Fact]
    public async Task Parquet_RunWithoutRecords_WritesAnEmptyFileThatReadsAsNoRecords()
    {
        await WriteBatchesAsync("PARQUET", "r-24");

        var records = await ReadAllAsync("out", "PARQUET");

        Assert.Empty(records);
        Assert.Equal(0, new FileInfo(Path.Combine(_root, "out", "r-24.parquet")).Length);
    }

    [Fact]
    public void UnknownProperty_IsRejectedByName()
    {
        var properties = new Dictionary<string, string> { ["path"] = "in", ["fileType"] = "CSV", ["bucket"] = "x" };

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(ConnectorRole.Source, properties, "src"));

        Assert.StartsWith("src.bucket:", error.Message);
    }
}
