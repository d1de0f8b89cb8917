using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Limits;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;
using Parquet;
using Parquet.Schema;

namespace FlowGrains.Grains.Tests.Limits;

/// <summary>Files that would hold a run's memory hostage: a line longer than the record limit, a Parquet row group declaring too much.</summary>
public sealed class FileLimitTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("flowgrains-limits-").FullName;
    private readonly LocalFolderConnector _connector;
    private readonly LimitsOptions _limits = new() { MaxRecordBytes = 1024, MaxParquetRowGroupRows = 10 };

    public FileLimitTests()
    {
        _connector = new LocalFolderConnector(new DataRoot(Options.Create(new FlowGrainsOptions { DataRoot = _root })));
        Directory.CreateDirectory(Path.Combine(_root, "in"));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<List<JsonObject>> ReadAllAsync(string fileType)
    {
        var context = new ConnectorRunContext(
            "flow", "run-1", new Dictionary<string, string> { ["path"] = "in", ["fileType"] = fileType }, new Dictionary<string, string>())
        {
            Limits = _limits,
        };
        var records = new List<JsonObject>();
        await foreach (var batch in _connector.ReadAsync(context, CancellationToken.None))
        {
            records.AddRange(batch.Records);
        }

        return records;
    }

    private Task WriteAsync(string name, string text) => File.WriteAllTextAsync(Path.Combine(_root, "in", name), text);

    [Fact]
    public async Task ACsvLineOverTheLimit_StopsTheRead_NamingTheFileTheLineAndTheSetting()
    {
        await WriteAsync("big.csv", $"id,text\n1,short\n2,{new string('x', 1023)}\n3,never read\n");

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync("CSV"));

        Assert.Equal(
            "big.csv line 3 exceeds the limit of 1 KiB (FlowGrains:Limits:MaxRecordBytes); raise FlowGrains:Limits:MaxRecordBytes to allow it.",
            error.Message);
    }

    [Fact]
    public async Task ACsvLineOfExactlyTheLimit_IsRead()
    {
        await WriteAsync("edge.csv", $"id,text\n2,{new string('x', 1022)}\n");

        var records = await ReadAllAsync("CSV");

        Assert.Equal(1022, Assert.Single(records)["text"]!.GetValue<string>().Length);
    }

    [Fact]
    public async Task AJsonLineOverTheLimit_WithNoNewlineAtAll_StopsTheRead()
    {
        await WriteAsync("one.jsonl", "{\"a\":1}\n{\"text\":\"" + new string('y', 5000));

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync("JSON"));

        Assert.Equal(
            "one.jsonl line 2 exceeds the limit of 1 KiB (FlowGrains:Limits:MaxRecordBytes); raise FlowGrains:Limits:MaxRecordBytes to allow it.",
            error.Message);
    }

    [Fact]
    public async Task AParquetRowGroupWithMoreRowsThanTheLimit_IsRefusedBeforeItIsRead()
    {
        await WriteParquetAsync("rows.parquet", rows: 11);

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync("PARQUET"));

        Assert.Equal(
            "rows.parquet row group 0 declares 11 rows, which exceeds the limit of 10 rows (FlowGrains:Limits:MaxParquetRowGroupRows); raise FlowGrains:Limits:MaxParquetRowGroupRows to allow it.",
            error.Message);
    }

    [Fact]
    public async Task AParquetFileDeclaringAnAbsurdRowCount_IsRefusedBeforeAnythingIsAllocated()
    {
        var path = await WriteParquetAsync("forged.parquet", ForgeableRows);
        await ForgeRowCountAsync(path, 1L << 40);
        _limits.MaxParquetRowGroupRows = 1_000_000;

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync("PARQUET"));

        Assert.Equal(
            "forged.parquet row group 0 declares 1,099,511,627,776 rows, which exceeds the limit of 1,000,000 rows (FlowGrains:Limits:MaxParquetRowGroupRows); raise FlowGrains:Limits:MaxParquetRowGroupRows to allow it.",
            error.Message);
    }

    [Fact]
    public async Task AParquetRowGroupDeclaringMoreBytesThanTheLimit_IsRefused()
    {
        _limits.MaxParquetRowGroupBytes = 1024;
        _limits.MaxParquetRowGroupRows = 1_000_000;
        await WriteParquetAsync("wide.parquet", rows: 500);

        var error = await Assert.ThrowsAsync<RunLimitExceededException>(() => ReadAllAsync("PARQUET"));

        Assert.StartsWith("wide.parquet row group 0 declares ", error.Message);
        Assert.EndsWith(
            " bytes, which exceeds the limit of 1 KiB (FlowGrains:Limits:MaxParquetRowGroupBytes); raise FlowGrains:Limits:MaxParquetRowGroupBytes to allow it.",
            error.Message);
    }

    private async Task<string> WriteParquetAsync(string name, int rows)
    {
        var path = Path.Combine(_root, "in", name);
        var field = new DataField<long>("id");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync<long>(field, Enumerable.Range(0, rows).Select(i => (long)i).ToArray());
        return path;
    }

    // Rewrites the footer as a hostile file would: every i64 field that holds ForgeableRows (the file's and the row
    // group's num_rows, the column's num_values) gets another value. Thrift compact structs carry no byte lengths, so
    // only the footer length at the end changes; the column data stays as it was.
    private const int ForgeableRows = 4321;

    private static async Task ForgeRowCountAsync(string path, long rows)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        var footerLength = BitConverter.ToInt32(bytes, bytes.Length - 8);
        var dataEnd = bytes.Length - 8 - footerLength;
        byte[] pattern = [0x16, .. Varint(ForgeableRows)];
        byte[] forged = [0x16, .. Varint(rows)];
        var footer = new List<byte>();
        for (var i = dataEnd; i < dataEnd + footerLength;)
        {
            if (bytes.AsSpan(i).StartsWith(pattern))
            {
                footer.AddRange(forged);
                i += pattern.Length;
            }
            else
            {
                footer.Add(bytes[i++]);
            }
        }

        await using var output = File.Create(path);
        await output.WriteAsync(bytes.AsMemory(0, dataEnd));
        await output.WriteAsync(footer.ToArray());
        await output.WriteAsync(BitConverter.GetBytes(footer.Count));
        await output.WriteAsync("PAR1"u8.ToArray());
    }

    // Thrift compact i64: zigzag, then 7 bits a byte, low bits first.
    private static List<byte> Varint(long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        var result = new List<byte>();
        do
        {
            var next = (byte)(zigzag & 0x7F);
            zigzag >>= 7;
            result.Add(zigzag == 0 ? next : (byte)(next | 0x80));
        }
        while (zigzag != 0);
        return result;
    }
}
