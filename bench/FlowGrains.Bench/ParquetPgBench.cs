using FlowGrains.Connectors.Postgres;
using Npgsql;
using NpgsqlTypes;
using Parquet;
using Parquet.Schema;

namespace FlowGrains.Bench;

/// <summary>
/// A LocalFolder Parquet file → a PostgreSQL table through the real FlowRunner (no tasks), against a baseline that
/// reads the same file with Parquet.Net and writes it with one Npgsql binary COPY into another table. Both tables
/// are then checked to hold the same rows. Works in a scratch database it creates and drops.
/// </summary>
internal static class ParquetPgBench
{
    private const string Columns = "id bigint, name text, amount numeric(12,2), score double precision, created_at timestamptz";

    // As a typical writer lays a file out: row groups of 100,000 rows, well under the reader's limits.
    private const int RowGroupRows = 100_000;

    private static readonly DataField<long> Id = new("id");
    private static readonly DataField<string> Name = new("name");
    private static readonly DecimalDataField Amount = new("amount", 12, 2);
    private static readonly DataField<double> Score = new("score");
    private static readonly DateTimeDataField Created = new("created_at", DateTimeFormat.Timestamp, isAdjustedToUTC: true, DateTimeTimeUnit.Micros);
    private static readonly ParquetSchema Schema = new(Id, Name, Amount, Score, Created);

    public static Task RunAsync(string adminConnectionString, int rows, int rounds) =>
        ScratchDatabase.UseAsync(adminConnectionString, "flowgrains_parquet", database => DataBench.InDataRootAsync(async (root, localFolder) =>
        {
            var connectionString = database.ConnectionString;
            await ScratchDatabase.ExecuteAsync(connectionString, $"CREATE TABLE flow_dst ({Columns}); CREATE TABLE baseline_dst ({Columns});");
            var input = Path.Combine(root, "in", "rows.parquet");
            await WriteInputAsync(input, rows);
            Console.WriteLine($"LocalFolder Parquet -> PostgreSQL, {rows:N0} rows ({new FileInfo(input).Length / 1_048_576.0:F1} MiB of Parquet, "
                + $"row groups of {RowGroupRows:N0}; {Columns}), {rounds} rounds each, alternating");

            await using var postgres = new PostgresConnector(LoopbackEgress.Policy());
            var runner = DataBench.Runner(localFolder, new ProfiledConnector(postgres, ProfiledConnector.Profile(connectionString)));
            var destination = new Contracts.Flows.ConnectorConfig(PostgresConnector.TypeName, DataBench.Properties(("object", "flow_dst")));
            var (baseline, flow) = (new List<DataBench.Sample>(), new List<DataBench.Sample>());
            for (var round = 0; round < rounds; round++)
            {
                await ScratchDatabase.ExecuteAsync(connectionString, "TRUNCATE flow_dst, baseline_dst");
                baseline.Add(await DataBench.MeasureAsync(rows, () => BaselineAsync(input, connectionString)));
                flow.Add(await DataBench.MeasureAsync(rows, () => DataBench.RunFlowAsync(
                    runner, DataBench.Folder("in", "PARQUET"), destination, [], $"run-{round}", rows)));
                await ScratchDatabase.CheckSameRowsAsync(connectionString, "baseline_dst", "flow_dst", rows);
            }

            DataBench.Report("Parquet.Net read + binary COPY", baseline, "LocalFolder -> Postgres", flow, 0.5);
        }));

    // As lean as these libraries allow: each row group's columns read as typed arrays, all rows in one COPY.
    private static async Task BaselineAsync(string input, string connectionString)
    {
        await using var file = File.OpenRead(input);
        await using var reader = await ParquetReader.CreateAsync(file);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var importer = await connection.BeginBinaryImportAsync("COPY baseline_dst (id, name, amount, score, created_at) FROM STDIN (FORMAT BINARY)");
        for (var group = 0; group < reader.RowGroupCount; group++)
        {
            using var rowGroup = reader.OpenRowGroupReader(group);
            var count = (int)rowGroup.RowCount;
            var (ids, names, amounts, scores, created) = (new long[count], new string?[count], new decimal[count], new double[count], new DateTime[count]);
            await rowGroup.ReadAsync<long>(Id, ids.AsMemory());
            await rowGroup.ReadAsync(Name, names.AsMemory());
            await rowGroup.ReadAsync<decimal>(Amount, amounts.AsMemory());
            await rowGroup.ReadAsync<double>(Score, scores.AsMemory());
            await rowGroup.ReadAsync<DateTime>(Created, created.AsMemory());
            for (var row = 0; row < count; row++)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(ids[row], NpgsqlDbType.Bigint);
                await importer.WriteAsync(names[row], NpgsqlDbType.Text);
                await importer.WriteAsync(amounts[row], NpgsqlDbType.Numeric);
                await importer.WriteAsync(scores[row], NpgsqlDbType.Double);
                await importer.WriteAsync(DateTime.SpecifyKind(created[row], DateTimeKind.Utc), NpgsqlDbType.TimestampTz);
            }
        }

        await importer.CompleteAsync();
    }

    private static async Task WriteInputAsync(string path, int rows)
    {
        await using var file = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(Schema, file);
        var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var first = 0; first < rows; first += RowGroupRows)
        {
            var rowNumbers = Enumerable.Range(first, Math.Min(RowGroupRows, rows - first)).ToArray();
            using var rowGroup = writer.CreateRowGroup();
            await rowGroup.WriteAsync<long>(Id, rowNumbers.Select(i => (long)i).ToArray());
            await rowGroup.WriteAsync(Name, rowNumbers.Select(i => $"customer {i % 9973}").ToArray());
            await rowGroup.WriteAsync<decimal>(Amount, rowNumbers.Select(i => i * 0.37m % 10_000_000m).ToArray());
            await rowGroup.WriteAsync<double>(Score, rowNumbers.Select(i => i / 7.0).ToArray());
            await rowGroup.WriteAsync<DateTime>(Created, rowNumbers.Select(i => start.AddSeconds(i)).ToArray());
            rowGroup.CompleteValidate();
        }
    }
}
