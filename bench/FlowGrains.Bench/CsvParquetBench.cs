using System.Globalization;
using CsvHelper;
using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Contracts.Flows;
using Parquet;
using Parquet.Schema;

namespace FlowGrains.Bench;

/// <summary>
/// LocalFolder CSV → LocalFolder Parquet through the real FlowRunner, with typed Maps (CSV fields are text, and
/// the Parquet writer types a column by its values), against a baseline that parses the same CSV with CsvHelper
/// and writes the same schema with Parquet.Net. Both files are checked for their rows and column types.
/// </summary>
internal static class CsvParquetBench
{
    // Both files get the flow's layout: the Parquet writer makes one row group of each LocalFolder batch of 1,000
    // records. BENCH_ROW_GROUP_ROWS gives the baseline larger row groups, to see what the layout costs.
    private static readonly int RowGroupRows = int.Parse(Environment.GetEnvironmentVariable("BENCH_ROW_GROUP_ROWS") ?? "1000", CultureInfo.InvariantCulture);

    // The schema the flow's Parquet writer infers from the typed Maps below: every column nullable.
    private static readonly DataField<long?> Id = new("id");
    private static readonly DataField<string> Name = new("name");
    private static readonly DataField<double?> Amount = new("amount");
    private static readonly DataField<string> Created = new("created_at");
    private static readonly DataField<bool?> Active = new("active");
    private static readonly ParquetSchema Schema = new(Id, Name, Amount, Created, Active);

    private static readonly (string Field, string? Type)[] Maps = [("id", "integer"), ("name", null), ("amount", "double"), ("created_at", null), ("active", "boolean")];

    public static Task RunAsync(int rows, int rounds) => DataBench.InDataRootAsync(async (root, localFolder) =>
    {
        var input = Path.Combine(root, "in", "rows.csv");
        LocalFolderBench.WriteInput(input, rows);
        Console.WriteLine($"LocalFolder CSV -> Parquet, {rows:N0} rows ({new FileInfo(input).Length / 1_048_576.0:F1} MiB of CSV), typed Maps of every field, "
            + $"baseline row groups of {RowGroupRows:N0}; {rounds} rounds each, alternating");
        var runner = DataBench.Runner(localFolder);
        var tasks = Maps.Select(map => new FlowTask(
            "Map", [map.Field], DataBench.Properties((LocalFolderConnector.TypeName, "NO_OP")), map.Field,
            map.Type is { } type ? DataBench.Properties(("DESTINATION_DATA_TYPE", type)) : DataBench.Properties())).ToArray();
        var (baseline, flow) = (new List<DataBench.Sample>(), new List<DataBench.Sample>());
        for (var round = 0; round < rounds; round++)
        {
            var baselineOutput = Path.Combine(root, "baseline.parquet");
            var flowOutput = Path.Combine(root, "out", $"run-{round}.parquet");
            baseline.Add(await DataBench.MeasureAsync(rows, () => BaselineAsync(input, baselineOutput)));
            flow.Add(await DataBench.MeasureAsync(rows, () => DataBench.RunFlowAsync(
                runner, DataBench.Folder("in", "CSV"), DataBench.Folder("out", "PARQUET"), [.. tasks], $"run-{round}", rows)));
            await CheckAsync(baselineOutput, rows);
            await CheckAsync(flowOutput, rows);
            File.Delete(flowOutput);
        }

        DataBench.Report("CsvHelper parse + Parquet.Net write", baseline, "LocalFolder -> LocalFolder", flow, 0.7);
    });

    // As lean as these libraries allow: typed fields into column arrays, one row group each RowGroupRows rows.
    private static async Task BaselineAsync(string input, string output)
    {
        using var reader = new StreamReader(input);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        await using var file = File.Create(output);
        await using var writer = await ParquetWriter.CreateAsync(Schema, file);
        var (ids, names, amounts, created, active) = (new long?[RowGroupRows], new string[RowGroupRows], new double?[RowGroupRows], new string[RowGroupRows], new bool?[RowGroupRows]);
        var count = 0;
        async Task FlushAsync()
        {
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(Id, ids.AsMemory(0, count));
            await rowGroup.WriteAsync(Name, new ArraySegment<string>(names, 0, count));
            await rowGroup.WriteAsync<double>(Amount, amounts.AsMemory(0, count));
            await rowGroup.WriteAsync(Created, new ArraySegment<string>(created, 0, count));
            await rowGroup.WriteAsync<bool>(Active, active.AsMemory(0, count));
            rowGroup.CompleteValidate();
            count = 0;
        }

        await csv.ReadAsync();
        csv.ReadHeader();
        while (await csv.ReadAsync())
        {
            ids[count] = csv.GetField<long>(0);
            names[count] = csv.GetField(1)!;
            amounts[count] = csv.GetField<double>(2);
            created[count] = csv.GetField(3)!;
            active[count] = csv.GetField<bool>(4);
            if (++count == RowGroupRows)
            {
                await FlushAsync();
            }
        }

        if (count > 0)
        {
            await FlushAsync();
        }
    }

    // Both sides must write the rows and the column types the baseline's schema names.
    private static async Task CheckAsync(string path, int rows)
    {
        await using var reader = await ParquetReader.CreateAsync(path);
        var types = string.Join(", ", reader.Schema.DataFields.Select(field => $"{field.Name} {field.ClrType.Name}{(field.IsNullable ? "?" : "")}"));
        var expected = string.Join(", ", Schema.DataFields.Select(field => $"{field.Name} {field.ClrType.Name}?"));
        long written = 0;
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            written += rowGroup.RowCount;
        }

        if (types != expected || written != rows)
        {
            throw new InvalidOperationException($"{Path.GetFileName(path)} holds {written} rows of ({types}); expected {rows} rows of ({expected}).");
        }
    }
}
