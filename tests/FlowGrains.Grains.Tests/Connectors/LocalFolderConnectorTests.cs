using System.Text.Json.Nodes;
using FlowGrains.Contracts.Errors;
using FlowGrains.Grains.Connectors;
using FlowGrains.Grains.Connectors.LocalFolder;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;

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

    [Fact]
    public void UnknownProperty_IsRejectedByName()
    {
        var properties = new Dictionary<string, string> { ["path"] = "in", ["fileType"] = "CSV", ["bucket"] = "x" };

        var error = Assert.Throws<FlowOperationException>(() => _connector.ValidateProperties(ConnectorRole.Source, properties, "src"));

        Assert.StartsWith("src.bucket:", error.Message);
    }
}
