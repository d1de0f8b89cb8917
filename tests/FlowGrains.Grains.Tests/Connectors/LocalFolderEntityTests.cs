using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Errors;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Connectors;

/// <summary>LocalFolder's entity metadata: folders under the data root and the fields of their first data file.</summary>
public sealed class LocalFolderEntityTests : IDisposable
{
    private readonly TempDataRoot _data = new("flowgrains-entities-");
    private readonly string _parent;
    private readonly string _root;
    private readonly LocalFolderConnector _connector;

    public LocalFolderEntityTests()
    {
        (_parent, _root, _connector) = (_data.Parent, _data.Root, _data.Connector);
    }

    public void Dispose() => _data.Dispose();

    private void Folders(params string[] paths)
    {
        foreach (var path in paths)
        {
            Directory.CreateDirectory(Path.Combine(_root, path));
        }
    }

    private ValueTask<ConnectorEntityPage> ListAsync(string? path, int maxResults = 20, string? after = null) =>
        _connector.ListEntitiesAsync(path, null, maxResults, after, CancellationToken.None);

    private ValueTask<ImmutableArray<ConnectorEntityField>> DescribeAsync(string name) =>
        _connector.DescribeEntityAsync(name, null, CancellationToken.None);

    private static string Fields(ImmutableArray<ConnectorEntityField> fields) =>
        string.Join(", ", fields.Select(field => $"{field.Identifier}:{field.FieldType}{string.Concat(field.CustomProperties.Select(p => $" {p.Key}={p.Value}"))}"));

    [Fact]
    public async Task List_TopLevel_GivesTheRootsFoldersInNameOrder_WithNestedEntities()
    {
        Folders("orders/in", "customers", "Archive");
        await File.WriteAllTextAsync(Path.Combine(_root, "loose.csv"), "a\n1\n");

        var page = await ListAsync(null);

        Assert.Equal<ConnectorEntity>(
            [new("Archive", "Archive", true), new("customers", "customers", true), new("orders", "orders", true)],
            page.Entities);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public async Task List_AFolder_NamesItsSubFoldersByPathFromTheRoot()
    {
        Folders("orders/in", "orders/out", "orders/in/2024");

        var page = await ListAsync("orders/");

        Assert.Equal<ConnectorEntity>([new("orders/in", "in", true), new("orders/out", "out", true)], page.Entities);
    }

    [Fact]
    public async Task List_InPages_ContinuesAfterTheLastName()
    {
        Folders("a", "b", "c");

        var first = await ListAsync(null, maxResults: 2);
        var second = await ListAsync(null, maxResults: 2, after: first.NextToken);

        Assert.Equal(["a", "b"], first.Entities.Select(entity => entity.Name));
        Assert.Equal("b", first.NextToken);
        Assert.Equal(["c"], second.Entities.Select(entity => entity.Name));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task List_PathOutsideTheDataRoot_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_parent, "outside", "secret"));

        var dotted = await Assert.ThrowsAsync<FlowOperationException>(async () => await ListAsync("../outside"));
        var absolute = await Assert.ThrowsAsync<FlowOperationException>(async () => await ListAsync(Path.Combine(_parent, "outside")));

        Assert.Equal("entitiesPath: must be a folder inside the data root.", dotted.Message);
        Assert.Equal(FlowErrorCode.ValidationError, absolute.Code);
        Assert.Equal("entitiesPath: must be a folder inside the data root.", absolute.Message);
    }

    [Fact]
    public async Task List_LinkLeadingOutOfTheRoot_IsNeitherListedNorFollowed()
    {
        Folders("inside");
        Directory.CreateDirectory(Path.Combine(_parent, "outside"));
        Directory.CreateSymbolicLink(Path.Combine(_root, "escape"), Path.Combine(_parent, "outside"));

        var page = await ListAsync(null);
        var followed = await Assert.ThrowsAsync<FlowOperationException>(async () => await ListAsync("escape"));

        Assert.Equal<ConnectorEntity>([new("inside", "inside", true)], page.Entities);
        Assert.Equal("entitiesPath: must be a folder inside the data root.", followed.Message);
    }

    [Fact]
    public async Task List_MissingFolder_IsNotFound()
    {
        var missing = await Assert.ThrowsAsync<FlowOperationException>(async () => await ListAsync("nowhere"));

        Assert.Equal(FlowErrorCode.NotFound, missing.Code);
        Assert.Equal("Folder 'nowhere' does not exist under the data root.", missing.Message);
    }

    [Fact]
    public async Task Describe_CsvFolder_GivesTheFirstFilesHeaderAsStrings()
    {
        Folders("orders/in");
        await File.WriteAllTextAsync(Path.Combine(_root, "orders/in", "b.csv"), "other,columns\n1,2\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "orders/in", "a.csv"), "id,customer name,amount\n");
        await File.WriteAllTextAsync(Path.Combine(_root, "orders/in", "0-notes.txt"), "not data");

        var fields = await DescribeAsync("orders/in");

        Assert.Equal("id:String, customer name:String, amount:String", Fields(fields));
        Assert.Equal(["id", "customer name", "amount"], fields.Select(field => field.Label));
        Assert.All(fields, field => Assert.False(field.IsPrimaryKey));
    }

    [Fact]
    public async Task Describe_JsonLinesFolder_TypesTheFirstRecordsFieldsByJsonKind()
    {
        Folders("events");
        await File.WriteAllTextAsync(
            Path.Combine(_root, "events", "x.jsonl"),
            "\n{\"id\":7,\"name\":\"a\",\"ok\":true,\"tags\":[1],\"meta\":{\"k\":1},\"gone\":null}\n{\"later\":1}\n");

        var fields = await DescribeAsync("events");

        Assert.Equal("id:Number, name:String, ok:Boolean, tags:Array, meta:Object, gone:Null", Fields(fields));
    }

    [Fact]
    public async Task Describe_ParquetFolder_GivesTheSchemasTypesAndNullability()
    {
        Folders("typed");
        var context = new ConnectorRunContext(
            "flow", "run-1", new Dictionary<string, string> { ["path"] = "typed", ["fileType"] = "PARQUET" }, new Dictionary<string, string>());
        await using (var writer = await _connector.OpenWriterAsync(context, CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["id"] = 1, ["name"] = "a", ["ok"] = true }], CancellationToken.None);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var fields = await DescribeAsync("typed");

        Assert.Equal("id:Int64 nullable=true, name:String nullable=true, ok:Boolean nullable=true", Fields(fields));
    }

    [Fact]
    public async Task Describe_FolderWithoutDataFiles_HasNoFields()
    {
        Folders("empty/sub");

        Assert.Empty(await DescribeAsync("empty"));
    }

    [Fact]
    public async Task Describe_OutsideTheDataRootOrMissing_IsRefused()
    {
        Directory.CreateDirectory(Path.Combine(_parent, "outside"));
        await File.WriteAllTextAsync(Path.Combine(_parent, "outside", "a.csv"), "secret\n");

        var escaped = await Assert.ThrowsAsync<FlowOperationException>(async () => await DescribeAsync("../outside"));
        var missing = await Assert.ThrowsAsync<FlowOperationException>(async () => await DescribeAsync("nowhere"));

        Assert.Equal("connectorEntityName: must be a folder inside the data root.", escaped.Message);
        Assert.Equal(FlowErrorCode.NotFound, missing.Code);
    }

    [Fact]
    public async Task Describe_BadJson_IsAConnectorErrorNamingTheFile()
    {
        Folders("bad");
        await File.WriteAllTextAsync(Path.Combine(_root, "bad", "x.json"), "{not json\n");

        var error = await Assert.ThrowsAsync<ConnectorException>(async () => await DescribeAsync("bad"));

        Assert.Equal("bad/x.json line 1: invalid JSON.", error.Message);
    }
}
