using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

public sealed class PostgresDestinationTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    private static Dictionary<string, string> Destination(string table, string operation = "INSERT", params string[] ids)
    {
        var properties = new Dictionary<string, string> { ["object"] = table, ["writeOperationType"] = operation };
        for (var index = 0; index < ids.Length; index++)
        {
            properties[$"idFieldNames[{index}]"] = ids[index];
        }

        return properties;
    }

    private static JsonObject[] Records(params string[] json) => [.. json.Select(text => JsonNode.Parse(text)!.AsObject())];

    private async Task<string> KeyedTableAsync()
    {
        var table = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"""
            CREATE TABLE {table} (id int PRIMARY KEY, name text, qty int DEFAULT 5);
            INSERT INTO {table} VALUES (1, 'one', 1), (2, 'two', 2), (3, 'three', 3);
            """);
        return table;
    }

    [Fact]
    public async Task Insert_Batches_AddRowsIgnoringFieldsThatAreNotColumns()
    {
        var table = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int, name text, qty int DEFAULT 5)");

        var bytes = await database.WriteAsync(
            Destination(table),
            Records("""{"id":1,"name":"a","extra":true}""", """{"id":2,"name":null}"""),
            Records("""{"id":3}"""));

        Assert.Equal(["1|a|5", "2|null|5", "3|null|5"], await database.RowsAsync($"SELECT id, name, qty FROM {table} ORDER BY id"));
        Assert.Equal(4 + 1 + 4 + 4, bytes);
    }

    [Fact]
    public async Task Upsert_UpdatesExistingIdsAndAddsNewOnes_LastRecordOfABatchWins()
    {
        var table = await KeyedTableAsync();

        await database.WriteAsync(
            Destination(table, "UPSERT", "id"),
            Records("""{"id":2,"name":"TWO"}""", """{"id":4,"name":"four","qty":4}""", """{"id":4,"name":"FOUR","qty":44}"""));

        Assert.Equal(["1|one|1", "2|TWO|2", "3|three|3", "4|FOUR|44"], await database.RowsAsync($"SELECT id, name, qty FROM {table} ORDER BY id"));
    }

    [Fact]
    public async Task Update_ChangesOnlyMatchingRows()
    {
        var table = await KeyedTableAsync();

        await database.WriteAsync(Destination(table, "UPDATE", "id"), Records("""{"id":1,"qty":10}""", """{"id":9,"qty":90}"""));

        Assert.Equal(["1|one|10", "2|two|2", "3|three|3"], await database.RowsAsync($"SELECT id, name, qty FROM {table} ORDER BY id"));
    }

    [Fact]
    public async Task Delete_RemovesMatchingRows()
    {
        var table = await KeyedTableAsync();

        await database.WriteAsync(Destination(table, "DELETE", "id"), Records("""{"id":1,"name":"ignored"}""", """{"id":"3"}""", """{"id":8}"""));

        Assert.Equal(["2|two|2"], await database.RowsAsync($"SELECT id, name, qty FROM {table} ORDER BY id"));
    }

    [Fact]
    public async Task Upsert_CompositeIds_MatchOnEveryIdColumn()
    {
        var table = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"CREATE TABLE {table} (a int, b text, v int, PRIMARY KEY (a, b)); INSERT INTO {table} VALUES (1, 'x', 1), (1, 'y', 2);");

        await database.WriteAsync(Destination(table, "UPSERT", "a", "b"), Records("""{"a":1,"b":"y","v":20}""", """{"a":2,"b":"x","v":3}"""));

        Assert.Equal(["1|x|1", "1|y|20", "2|x|3"], await database.RowsAsync($"SELECT a, b, v FROM {table} ORDER BY a, b"));
    }

    [Fact]
    public async Task Insert_ConvertsJsonValuesToColumnTypes()
    {
        var table = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"""
            CREATE TYPE {table}_mood AS ENUM ('ok', 'sad');
            CREATE TABLE {table} (n int, s smallint, big bigint, amount numeric(10,2), ratio float8, flag bool, iso timestamptz,
                epoch timestamptz, plain timestamp, day date, ref uuid, doc jsonb, label varchar(10), mood {table}_mood, tags int[], missing int);
            """);

        await database.WriteAsync(Destination(table), Records(
            """{"n":"42","s":7,"big":9007199254740993,"amount":"12.345","ratio":"0.25","flag":"true","iso":"2024-05-01T12:00:00+02:00","epoch":1714557600000,"plain":"2024-05-01T10:00:00Z","day":"2024-05-01","ref":"A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11","doc":{"a":[1,"b"]},"label":123,"mood":"sad","tags":"{1,2}","missing":null}""",
            """{"n":1.0,"flag":false,"doc":"text","iso":"2024-05-01 12:00:00"}"""));

        Assert.Equal(
            [
                "42|7|9007199254740993|12.35|0.25|true|2024-05-01 10:00:00+00|2024-05-01 10:00:00+00|2024-05-01 10:00:00|2024-05-01|a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11|{\"a\": [1, \"b\"]}|123|sad|{1,2}|null",
                "1|null|null|null|null|false|2024-05-01 12:00:00+00|null|null|null|null|\"text\"|null|null|null|null",
            ],
            await database.RowsAsync($"""
                SELECT n, s, big, amount, ratio, flag::text, iso::text, epoch::text, plain::text, day::text, ref, doc::text, label, mood::text, tags::text, missing
                FROM {table} ORDER BY n DESC
                """));
    }

    [Fact]
    public async Task Write_ValueThatDoesNotConvert_FailsTheBatchNamingFieldAndRecord()
    {
        var table = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int, at timestamptz)");
        await using var writer = await database.Connector.OpenWriterAsync(database.Context(Destination(table)), CancellationToken.None);
        await writer.WriteAsync(Records("""{"id":1}"""), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() =>
            writer.WriteAsync(Records("""{"id":2}""", """{"id":3,"at":"yesterday"}""", """{"id":4}"""), CancellationToken.None).AsTask());

        Assert.Equal(3, error.FailedRecords);
        Assert.Equal($"PostgreSQL: writing to table \"{table}\" failed: field 'at' of record 2 of the batch cannot be written to a column of type timestamp with time zone.", error.Message);
        Assert.Equal(["1"], await database.RowsAsync($"SELECT id FROM {table} ORDER BY id"));
    }

    [Fact]
    public async Task Write_RowTheDatabaseRefuses_FailsTheBatchWithTheDatabaseReason()
    {
        var table = await KeyedTableAsync();
        await using var writer = await database.Connector.OpenWriterAsync(database.Context(Destination(table)), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() =>
            writer.WriteAsync(Records("""{"id":7}""", """{"id":1}"""), CancellationToken.None).AsTask());

        Assert.Equal(2, error.FailedRecords);
        Assert.Equal($"PostgreSQL: writing to table \"{table}\" failed: 23505 unique_violation: duplicate key value violates unique constraint \"{table}_pkey\".", error.Message);
        Assert.Equal(["1", "2", "3"], await database.RowsAsync($"SELECT id FROM {table} ORDER BY id"));
    }

    [Fact]
    public async Task Upsert_RecordWithoutId_FailsTheBatchNamingTheRecord()
    {
        var table = await KeyedTableAsync();
        await using var writer = await database.Connector.OpenWriterAsync(database.Context(Destination(table, "UPSERT", "id")), CancellationToken.None);

        var error = await Assert.ThrowsAsync<DestinationWriteException>(() =>
            writer.WriteAsync(Records("""{"id":5}""", """{"name":"no id"}"""), CancellationToken.None).AsTask());

        Assert.Equal(2, error.FailedRecords);
        Assert.EndsWith("record 2 of the batch has no value for the id field 'id'.", error.Message);
    }

    [Fact]
    public async Task Insert_TenThousandRowsInBatches_WritesEveryRow()
    {
        var table = PostgresConnectorDatabase.TableName("dst");
        await database.ExecuteAsync($"CREATE TABLE {table} (id bigint, name text, amount numeric, at timestamptz)");
        var batches = Enumerable.Range(0, 10_000)
            .Select(i => new JsonObject { ["id"] = i, ["name"] = $"name-{i}", ["amount"] = i / 4m, ["at"] = "2024-01-01T00:00:00Z" })
            .Chunk(1000)
            .Select(chunk => (IReadOnlyList<JsonObject>)chunk)
            .ToArray();

        await database.WriteAsync(Destination(table), batches);

        Assert.Equal(["10000|49995000|12498750.00|1"], await database.RowsAsync($"SELECT count(*), sum(id), sum(amount), count(DISTINCT at) FROM {table}"));
    }

    [Fact]
    public async Task OpenWriter_MissingTableOrIdColumn_FailsNamingIt()
    {
        var table = await KeyedTableAsync();

        var missingTable = await Assert.ThrowsAsync<ConnectorException>(() => database.Connector.OpenWriterAsync(database.Context(Destination("nope")), CancellationToken.None).AsTask());
        var missingId = await Assert.ThrowsAsync<ConnectorException>(() => database.Connector.OpenWriterAsync(database.Context(Destination(table, "UPDATE", "key")), CancellationToken.None).AsTask());

        Assert.EndsWith("table \"nope\" does not exist (or has no columns this connection can see).", missingTable.Message);
        Assert.EndsWith($"the id field 'key' is not a column of table \"{table}\".", missingId.Message);
    }

    [Fact]
    public async Task Writer_CommitsEachBatch()
    {
        var table = await KeyedTableAsync();

        await using var writer = await database.Connector.OpenWriterAsync(database.Context(Destination(table)), CancellationToken.None);

        Assert.True(writer.CommitsEachBatch);
    }
}
