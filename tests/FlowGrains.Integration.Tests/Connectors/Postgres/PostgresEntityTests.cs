using FlowGrains.Connectors;
using FlowGrains.Errors;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

/// <summary>The Postgres connector's entity metadata, from the catalog of a real server.</summary>
public sealed class PostgresEntityTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    private Task<ConnectorEntityPage> ListAsync(string? path, int maxResults = 100, string? after = null) =>
        database.Connector.ListEntitiesAsync(path, database.Profile(), maxResults, after, CancellationToken.None).AsTask();

    private static string Fields(IEnumerable<ConnectorEntityField> fields) =>
        string.Join(", ", fields.Select(field =>
            $"{field.Identifier}:{field.FieldType}{(field.IsPrimaryKey ? " pk" : "")} nullable={field.CustomProperties["nullable"]}"));

    [Fact]
    public async Task List_TopLevel_GivesTheSchemasWithoutSystemOnes_AsNestedEntities()
    {
        var schema = PostgresConnectorDatabase.TableName("sch");
        await database.ExecuteAsync($"CREATE SCHEMA {schema}");

        var page = await ListAsync(null, maxResults: 10000);

        Assert.Contains(new ConnectorEntity("public", "public", true), page.Entities);
        Assert.Contains(new ConnectorEntity(schema, schema, true), page.Entities);
        Assert.DoesNotContain(page.Entities, entity => entity.Name is "information_schema" || entity.Name.StartsWith("pg_", StringComparison.Ordinal));
        Assert.Equal(page.Entities.Select(entity => entity.Name).Order(StringComparer.Ordinal), page.Entities.Select(entity => entity.Name));
    }

    [Fact]
    public async Task List_ASchema_GivesItsTablesAndViewsAsSchemaDotName()
    {
        var schema = PostgresConnectorDatabase.TableName("sch");
        await database.ExecuteAsync($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.orders (id int);
            CREATE VIEW {schema}.big_orders AS SELECT id FROM {schema}.orders WHERE id > 10;
            CREATE TABLE {schema}."Mixed Case" (id int);
            CREATE SEQUENCE {schema}.not_an_entity;
            """);

        var page = await ListAsync(schema);

        Assert.Equal<ConnectorEntity>(
            [new($"{schema}.\"Mixed Case\"", "Mixed Case", false), new($"{schema}.big_orders", "big_orders", false), new($"{schema}.orders", "orders", false)],
            page.Entities);
        Assert.Null(page.NextToken);
    }

    [Fact]
    public async Task List_InPages_ContinuesAfterTheLastName()
    {
        var schema = PostgresConnectorDatabase.TableName("sch");
        await database.ExecuteAsync($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.a (x int); CREATE TABLE {schema}.b (x int); CREATE TABLE {schema}.c (x int);");

        var first = await ListAsync(schema, maxResults: 2);
        var second = await ListAsync(schema, maxResults: 2, after: first.NextToken);

        Assert.Equal([$"{schema}.a", $"{schema}.b"], first.Entities.Select(entity => entity.Name));
        Assert.Equal("b", first.NextToken);
        Assert.Equal([$"{schema}.c"], second.Entities.Select(entity => entity.Name));
        Assert.Null(second.NextToken);
    }

    [Fact]
    public async Task List_MissingSchema_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<FlowOperationException>(() => ListAsync("no_such_schema"));

        Assert.Equal((FlowErrorCode.NotFound, "Schema 'no_such_schema' does not exist."), (error.Code, error.Message));
    }

    [Fact]
    public async Task Describe_GivesColumnsInOrder_WithTheirTypesNullabilityAndPrimaryKey()
    {
        var schema = PostgresConnectorDatabase.TableName("sch");
        await database.ExecuteAsync($"""
            CREATE SCHEMA {schema};
            CREATE TABLE {schema}.lines (order_id int, line smallint, sku varchar(20) NOT NULL, amount numeric(10,2), at timestamptz,
                tags text[], doc jsonb, PRIMARY KEY (order_id, line));
            ALTER TABLE {schema}.lines DROP COLUMN doc;
            """);

        var fields = await database.Connector.DescribeEntityAsync($"{schema}.lines", database.Profile(), CancellationToken.None);

        Assert.Equal(
            "order_id:integer pk nullable=false, line:smallint pk nullable=false, sku:character varying(20) nullable=false, "
            + "amount:numeric(10,2) nullable=true, at:timestamp with time zone nullable=true, tags:text[] nullable=true",
            Fields(fields));
        Assert.Equal(["order_id", "line", "sku", "amount", "at", "tags"], fields.Select(field => field.Label));
    }

    [Fact]
    public async Task Describe_AListedQuotedNameOrView_DescribesIt()
    {
        var schema = PostgresConnectorDatabase.TableName("sch");
        await database.ExecuteAsync($"""
            CREATE SCHEMA {schema}; CREATE TABLE {schema}."Mixed Case" ("Id" bigint PRIMARY KEY);
            CREATE VIEW {schema}.ids AS SELECT "Id" FROM {schema}."Mixed Case";
            """);
        var listed = (await ListAsync(schema)).Entities.Select(entity => entity.Name).ToList();

        var table = await database.Connector.DescribeEntityAsync(listed[0], database.Profile(), CancellationToken.None);
        var view = await database.Connector.DescribeEntityAsync(listed[1], database.Profile(), CancellationToken.None);

        Assert.Equal("Id:bigint pk nullable=false", Fields(table));
        Assert.Equal("Id:bigint nullable=true", Fields(view));
    }

    [Fact]
    public async Task Describe_MissingTableOrNonRelation_IsNotFound_AndAMalformedName_AValidationError()
    {
        var schema = PostgresConnectorDatabase.TableName("sch");
        await database.ExecuteAsync($"CREATE SCHEMA {schema}; CREATE SEQUENCE {schema}.seq;");

        var missing = await Assert.ThrowsAsync<FlowOperationException>(async () =>
            await database.Connector.DescribeEntityAsync($"{schema}.nothing", database.Profile(), CancellationToken.None));
        var sequence = await Assert.ThrowsAsync<FlowOperationException>(async () =>
            await database.Connector.DescribeEntityAsync($"{schema}.seq", database.Profile(), CancellationToken.None));
        var malformed = await Assert.ThrowsAsync<FlowOperationException>(async () =>
            await database.Connector.DescribeEntityAsync("a.b.c; DROP TABLE x", database.Profile(), CancellationToken.None));

        Assert.Equal((FlowErrorCode.NotFound, $"Table or view '{schema}.nothing' does not exist."), (missing.Code, missing.Message));
        Assert.Equal(FlowErrorCode.NotFound, sequence.Code);
        Assert.Equal("connectorEntityName: must name a table or view as schema.table.", malformed.Message);
    }

    [Fact]
    public async Task WrongDatabase_IsAConnectorErrorNamingIt_WithoutThePassword()
    {
        const string password = "entity-secret-77";
        var profile = database.Profile(password: password);
        var elsewhere = profile with { Properties = new Dictionary<string, string>(profile.Properties) { ["databaseName"] = "no_such_db" } };

        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
            await database.Connector.ListEntitiesAsync(null, elsewhere, 20, null, CancellationToken.None));

        Assert.Equal("PostgreSQL: could not connect to the profile's database (3D000 invalid_catalog_name: database \"no_such_db\" does not exist).", error.Message);
        Assert.DoesNotContain(password, error.Message);
    }

    [Fact]
    public async Task NoProfile_IsAConnectorError()
    {
        var error = await Assert.ThrowsAsync<ConnectorException>(async () =>
            await database.Connector.ListEntitiesAsync(null, null, 20, null, CancellationToken.None));

        Assert.Equal("The Postgres connector needs a connector profile (connectorProfileName) saying which database to use.", error.Message);
    }
}
