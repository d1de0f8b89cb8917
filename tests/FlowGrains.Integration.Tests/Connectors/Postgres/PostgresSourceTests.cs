using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

public sealed class PostgresSourceTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    private static Dictionary<string, string> Table(string name) => new() { ["object"] = name };

    private static Dictionary<string, string> Query(string sql) => new() { ["query"] = sql };

    [Fact]
    public async Task Read_TableSource_GivesEachRowAsARecordWithJsonTypes()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($$"""
            CREATE TABLE {{table}} (id int, big bigint, amount numeric, ratio float8, flag bool, name text, at timestamptz,
                day date, ref uuid, doc jsonb, raw json, tags text[], missing text);
            INSERT INTO {{table}} VALUES (1, 9007199254740993, 12.50, 0.5, true, 'Ada', '2024-05-01 12:00:00.25+02', '2024-05-01',
                'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{"a": [1, 2]}', '"x"', ARRAY['p', 'q'], NULL);
            """);

        var batches = await database.ReadAsync(database.Context(Table(table)));

        var record = Assert.Single(Assert.Single(batches).Records);
        Assert.Equal(
            """{"id":1,"big":9007199254740993,"amount":12.50,"ratio":0.5,"flag":true,"name":"Ada","at":"2024-05-01T10:00:00.25Z","day":"2024-05-01","ref":"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11","doc":{"a":[1,2]},"raw":"x","tags":"{p,q}","missing":null}""",
            record.ToJsonString());
        Assert.True(batches[0].BytesRead > 0);
    }

    [Fact]
    public async Task Read_SchemaQualifiedQuotedTable_ReadsThatTable()
    {
        await database.ExecuteAsync("""
            CREATE SCHEMA IF NOT EXISTS "Sales"; CREATE TABLE "Sales"."Orders" ("Id" int); INSERT INTO "Sales"."Orders" VALUES (7);
            """);

        var batches = await database.ReadAsync(database.Context(Table("\"Sales\".\"Orders\"")));

        Assert.Equal("""{"Id":7}""", Assert.Single(Assert.Single(batches).Records).ToJsonString());
    }

    [Fact]
    public async Task Read_Timestamps_AreIsoUtcWithTheFractionTheyHave()
    {
        var batches = await database.ReadAsync(database.Context(Query(
            "SELECT timestamptz '2024-05-01 12:00:00Z' AS whole, timestamptz '2024-05-01 12:00:00.000001Z' AS micro, timestamp '1999-12-31 23:59:59.5' AS plain")));

        Assert.Equal("""{"whole":"2024-05-01T12:00:00Z","micro":"2024-05-01T12:00:00.000001Z","plain":"1999-12-31T23:59:59.5Z"}""", Assert.Single(Assert.Single(batches).Records).ToJsonString());
    }

    [Fact]
    public async Task Read_QuerySource_GivesTheQueryColumns()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int, name text); INSERT INTO {table} VALUES (1, 'a'), (2, 'b'), (3, 'c');");

        var batches = await database.ReadAsync(database.Context(Query($"SELECT id * 10 AS tens, upper(name) AS name FROM {table} WHERE id > 1 ORDER BY id; \n;")));

        Assert.Equal(["""{"tens":20,"name":"B"}""", """{"tens":30,"name":"C"}"""], batches.SelectMany(b => b.Records).Select(r => r.ToJsonString()));
    }

    [Fact]
    public async Task Read_QueryThatWrites_IsRefusedAndWritesNothing()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"""
            CREATE TABLE {table} (id int);
            CREATE SEQUENCE {table}_seq;
            CREATE FUNCTION {table}_write() RETURNS int LANGUAGE sql AS 'INSERT INTO {table} VALUES (1) RETURNING id';
            """);

        var sequence = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(Query($"SELECT nextval('{table}_seq')"))));
        var function = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(Query($"SELECT {table}_write()"))));

        Assert.Contains("25006 read_only_sql_transaction: cannot execute", sequence.Message);
        Assert.Contains("25006 read_only_sql_transaction: cannot execute", function.Message);
        Assert.Equal(["0"], await database.RowsAsync($"SELECT count(*) FROM {table}"));
    }

    [Fact]
    public async Task Read_IncrementalRange_ReadsRowsInRangeInAscendingOrder()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"""
            CREATE TABLE {table} (id int, changed timestamptz);
            INSERT INTO {table} VALUES (1, '2024-01-01 12:00Z'), (2, '2024-01-01 10:00Z'), (3, '2024-01-01 09:59:59Z'),
                (4, '2024-01-01 11:00Z'), (5, '2024-01-01 12:00:00.000001Z'), (6, NULL);
            """);
        var start = new DateTimeOffset(2024, 1, 1, 10, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2024, 1, 1, 12, 0, 0, TimeSpan.Zero);

        var range = await database.ReadAsync(database.Context(Table(table), "changed", start, end));
        var fromStart = await database.ReadAsync(database.Context(Query($"SELECT * FROM {table}"), "changed", start));

        Assert.Equal([2, 4], range.SelectMany(b => b.Records).Select(r => (int)r["id"]!));
        Assert.Equal([2, 4, 1, 5], fromStart.SelectMany(b => b.Records).Select(r => (int)r["id"]!));
    }

    [Fact]
    public async Task Read_IncrementalFieldThatIsNotADatetimeColumn_FailsNamingTheField()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int, changed text)");

        var missing = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(Table(table), "updated")));
        var text = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(Table(table), "changed")));

        Assert.Equal($"PostgreSQL: reading from table \"{table}\" failed: the incremental pull field 'updated' is not a column of table \"{table}\".", missing.Message);
        Assert.EndsWith("the incremental pull field 'changed' must be a timestamptz, timestamp or date column.", text.Message);
    }

    [Fact]
    public async Task Read_ManyRows_StreamsFullBatchesInOrder()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"CREATE TABLE {table} AS SELECT g AS id FROM generate_series(1, 11000) g");

        var batches = await database.ReadAsync(database.Context(Query($"SELECT id FROM {table} ORDER BY id")));

        Assert.Equal([5000, 5000, 1000], batches.Select(b => b.Records.Count));
        Assert.Equal(Enumerable.Range(1, 11000), batches.SelectMany(b => b.Records).Select(r => (int)r["id"]!));
    }

    [Fact]
    public async Task Read_ConsumerStopsAfterTheFirstBatch_EndsTheCopyOnTheServer()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"CREATE TABLE {table} AS SELECT g AS id FROM generate_series(1, 50000) g");

        await foreach (var batch in database.Connector.ReadAsync(database.Context(Table(table)), CancellationToken.None))
        {
            Assert.Equal(5000, batch.Records.Count);
            break;
        }

        Assert.Equal(["0"], await database.RowsAsync(
            $"SELECT count(*) FROM pg_stat_activity WHERE datname = '{database.DatabaseName}' AND application_name = 'FlowGrains' AND state <> 'idle'"));
    }

    [Fact]
    public async Task Read_QueryWithTwoColumnsOfOneName_FailsNamingTheColumn()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(Query("SELECT 1 AS id, 2 AS id"))));

        Assert.EndsWith("the query returns two columns named 'id'; give each column its own name (AS).", error.Message);
    }

    [Fact]
    public async Task Read_MissingTable_FailsNamingItAndTheCondition()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(Table("no_such_table"))));

        Assert.Equal("PostgreSQL: reading from table \"no_such_table\" failed: 42P01 undefined_table: relation \"no_such_table\" does not exist.", error.Message);
    }

    [Fact]
    public async Task DescribeSourceFields_TableAndQuery_GiveTheirColumnNames()
    {
        var table = PostgresConnectorDatabase.TableName("src");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int, \"Name\" text, at timestamptz)");

        var tableFields = await database.Connector.DescribeSourceFieldsAsync(Table(table), database.Profile(), CancellationToken.None);
        var queryFields = await database.Connector.DescribeSourceFieldsAsync(Query($"SELECT id, at AS changed FROM {table}"), database.Profile(), CancellationToken.None);

        Assert.Equal(["Name", "at", "id"], tableFields!.Order(StringComparer.Ordinal));
        Assert.Equal(["changed", "id"], queryFields!.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DescribeSourceFields_UnreachableDatabaseOrNoProfile_GivesNull()
    {
        var unreachable = new ConnectorProfileSettings(
            "down",
            new Dictionary<string, string> { ["host"] = "127.0.0.1", ["port"] = LoopbackPorts.Free().ToString(), ["databaseName"] = "x" },
            new Dictionary<string, string> { ["username"] = "postgres" });

        var fields = await database.Connector.DescribeSourceFieldsAsync(Table("t"), unreachable, CancellationToken.None);
        var withoutProfile = await database.Connector.DescribeSourceFieldsAsync(Table("t"), null, CancellationToken.None);

        Assert.Null(fields);
        Assert.Null(withoutProfile);
    }

    [Fact]
    public async Task Read_WithoutProfile_FailsSayingAProfileIsNeeded()
    {
        var context = database.Context(Table("t")) with { Profile = null };

        var error = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(context));

        Assert.Equal("The Postgres connector needs a connector profile (connectorProfileName) saying which database to use.", error.Message);
    }
}
