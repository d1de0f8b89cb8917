using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Errors;

namespace FlowGrains.Grains.Tests.Connectors;

/// <summary>
/// LocalFolder attacked with symbolic links: a parent folder, a file, a staged or final output name, and a
/// folder swapped for a link after the flow was checked. Each is refused, and nothing outside the root is read
/// or written; links that stay inside the root keep working.
/// </summary>
public sealed class LocalFolderConfinementTests : IDisposable
{
    private readonly TempDataRoot _data = new("flowgrains-confined-");
    private readonly string _root;
    private readonly string _outside;
    private readonly LocalFolderConnector _connector;

    public LocalFolderConfinementTests()
    {
        (_root, _connector) = (_data.Root, _data.Connector);
        _outside = Directory.CreateDirectory(Path.Combine(_data.Parent, "outside")).FullName;
        Directory.CreateDirectory(Path.Combine(_outside, "in"));
        File.WriteAllText(Path.Combine(_outside, "in", "secret.csv"), "secret\nhidden\n");
    }

    public void Dispose() => _data.Dispose();

    private static ConnectorRunContext Context(string path, string fileType = "CSV") =>
        new("flow", "run-1", new Dictionary<string, string> { ["path"] = path, ["fileType"] = fileType }, new Dictionary<string, string>());

    private async Task<List<JsonObject>> ReadAllAsync(string path)
    {
        var records = new List<JsonObject>();
        await foreach (var batch in _connector.ReadAsync(Context(path), CancellationToken.None))
        {
            records.AddRange(batch.Records);
        }

        return records;
    }

    private async Task WriteOneAsync(string path)
    {
        await using var writer = await _connector.OpenWriterAsync(Context(path, "JSON"), CancellationToken.None);
        await writer.WriteAsync([new JsonObject { ["n"] = 1 }], CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);
    }

    private void Link(string name, string target) => File.CreateSymbolicLink(Path.Combine(_root, name), target);

    private string[] OutsideEntries() =>
        [.. Directory.GetFileSystemEntries(_outside, "*", SearchOption.AllDirectories).Select(entry => Path.GetRelativePath(_outside, entry)).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Source_ParentFolderLinkedOutside_IsRefusedNamingIt()
    {
        Link("a", _outside);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("a/in"));

        Assert.Equal("Folder 'a' links outside the data root.", error.Message);
    }

    [Fact]
    public async Task Destination_ParentFolderLinkedOutside_IsRefused_AndNothingIsMadeOutside()
    {
        Link("a", _outside);

        var error = await Assert.ThrowsAsync<ConnectorException>(() => WriteOneAsync("a/out"));

        Assert.Equal("Folder 'a' links outside the data root.", error.Message);
        Assert.Equal(["in", Path.Combine("in", "secret.csv")], OutsideEntries());
    }

    [Fact]
    public async Task Source_FileLinkedOutside_IsRefusedNamingIt()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        File.WriteAllText(Path.Combine(_root, "in", "a.csv"), "id\n1\n");
        Link(Path.Combine("in", "b.csv"), Path.Combine(_outside, "in", "secret.csv"));

        var error = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("in"));

        Assert.Equal("File 'in/b.csv' links outside the data root.", error.Message);
    }

    [Theory]
    [InlineData("run-1.jsonl.partial")]
    [InlineData("run-1.jsonl")]
    public async Task Destination_OutputNameLinkedOutside_NeverWritesThroughTheLink(string name)
    {
        Directory.CreateDirectory(Path.Combine(_root, "out"));
        var victim = Path.Combine(_outside, "victim.txt");
        File.WriteAllText(victim, "untouched");
        Link(Path.Combine("out", name), victim);

        var error = await Record.ExceptionAsync(() => WriteOneAsync("out"));

        Assert.Equal("untouched", File.ReadAllText(victim));
        if (name.EndsWith(".partial", StringComparison.Ordinal))
        {
            Assert.Equal("File 'out/run-1.jsonl.partial' links outside the data root.", Assert.IsType<ConnectorException>(error).Message);
        }
        else
        {
            // Publishing renames over the link itself: the output replaces the link, inside the root.
            Assert.Null(error);
            Assert.Null(new FileInfo(Path.Combine(_root, "out", name)).LinkTarget);
            Assert.Equal("{\"n\":1}\n", File.ReadAllText(Path.Combine(_root, "out", name)));
        }
    }

    [Fact]
    public async Task FolderSwappedForALinkAfterTheFlowWasChecked_IsRefusedAtRunTime()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        var properties = new Dictionary<string, string> { ["path"] = "in/deeper", ["fileType"] = "CSV" };
        Directory.CreateDirectory(Path.Combine(_root, "in", "deeper"));
        _connector.ValidateProperties(ConnectorRole.Source, properties, "src");

        Directory.Delete(Path.Combine(_root, "in"), recursive: true);
        Directory.CreateDirectory(Path.Combine(_outside, "in", "deeper"));
        Link("in", Path.Combine(_outside, "in"));

        var read = await Assert.ThrowsAsync<ConnectorException>(() => ReadAllAsync("in/deeper"));
        var write = await Assert.ThrowsAsync<ConnectorException>(() => WriteOneAsync("in/deeper"));

        Assert.Equal("Folder 'in' links outside the data root.", read.Message);
        Assert.Equal("Folder 'in' links outside the data root.", write.Message);
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_outside, "in", "deeper")));
    }

    [Fact]
    public async Task LinksThatStayInsideTheRoot_KeepWorking_ForFoldersAndFiles()
    {
        Directory.CreateDirectory(Path.Combine(_root, "real", "in"));
        File.WriteAllText(Path.Combine(_root, "real", "in", "a.csv"), "id\n1\n");
        File.WriteAllText(Path.Combine(_root, "real", "kept.csv"), "id\n2\n");
        Link("alias", "real");
        Link(Path.Combine("real", "in", "b.csv"), Path.Combine(_root, "real", "kept.csv"));

        var records = await ReadAllAsync("alias/in");
        await WriteOneAsync("alias/out");

        Assert.Equal(["1", "2"], records.Select(record => record["id"]!.GetValue<string>()));
        Assert.Equal(["run-1.jsonl"], Directory.GetFiles(Path.Combine(_root, "real", "out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Entities_ParentFolderLinkedOutside_IsRefusedToListAndDescribe()
    {
        Link("a", _outside);

        var list = await Assert.ThrowsAsync<FlowOperationException>(async () => await _connector.ListEntitiesAsync("a/in", null, 20, null, CancellationToken.None));
        var describe = await Assert.ThrowsAsync<FlowOperationException>(async () => await _connector.DescribeEntityAsync("a/in", null, CancellationToken.None));

        Assert.Equal("entitiesPath: must be a folder inside the data root.", list.Message);
        Assert.Equal("connectorEntityName: must be a folder inside the data root.", describe.Message);
    }

    [Fact]
    public async Task Entities_FirstFileLinkedOutside_IsRefusedToDescribe()
    {
        Directory.CreateDirectory(Path.Combine(_root, "in"));
        Link(Path.Combine("in", "a.csv"), Path.Combine(_outside, "in", "secret.csv"));

        var describe = await Assert.ThrowsAsync<FlowOperationException>(async () => await _connector.DescribeEntityAsync("in", null, CancellationToken.None));

        Assert.Equal("connectorEntityName: must be a folder inside the data root: File 'in/a.csv' links outside the data root.", describe.Message);
    }
}
