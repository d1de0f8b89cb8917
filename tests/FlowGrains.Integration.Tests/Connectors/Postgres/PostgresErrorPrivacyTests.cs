using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

/// <summary>
/// A database error in a run record says what failed and the SQLSTATE with its condition name, never the server's
/// host or port, nor row values (PostgreSQL's Detail, or a message text that quotes a value).
/// </summary>
public sealed class PostgresErrorPrivacyTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    private const string RowValue = "dup-8841@example.test";

    private static Dictionary<string, string> Destination(string table) => new() { ["object"] = table, ["writeOperationType"] = "INSERT" };

    private async Task<DestinationWriteException> WriteRefusedAsync(string table, string record)
    {
        await using var writer = await database.Connector.OpenWriterAsync(database.Context(Destination(table)), CancellationToken.None);
        return await Assert.ThrowsAsync<DestinationWriteException>(() =>
            writer.WriteAsync([JsonNode.Parse(record)!.AsObject()], CancellationToken.None).AsTask());
    }

    private void AssertNamesNoServer(string message)
    {
        Assert.DoesNotContain("127.0.0.1", message, StringComparison.Ordinal);
        Assert.DoesNotContain(database.Server.Port.ToString(), message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UniqueViolation_NamesTheConstraint_NotTheConflictingRowOrTheServer()
    {
        var table = PostgresConnectorDatabase.TableName("uq");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int, email text UNIQUE); INSERT INTO {table} VALUES (1, '{RowValue}')");

        var error = await WriteRefusedAsync(table, $$"""{"id":2,"email":"{{RowValue}}"}""");

        Assert.Equal(
            $"PostgreSQL: writing to table \"{table}\" failed: 23505 unique_violation: duplicate key value violates unique constraint \"{table}_email_key\".",
            error.Message);
        Assert.DoesNotContain(RowValue, error.Message, StringComparison.Ordinal);
        AssertNamesNoServer(error.Message);
    }

    [Fact]
    public async Task ErrorWhoseTextMayQuoteValues_ShowsOnlyTheCondition()
    {
        var table = PostgresConnectorDatabase.TableName("raise");
        await database.ExecuteAsync($"""
            CREATE TABLE {table} (id int, email text);
            CREATE FUNCTION {table}_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused %', NEW.email; END $$;
            CREATE TRIGGER {table}_check BEFORE INSERT ON {table} FOR EACH ROW EXECUTE FUNCTION {table}_check();
            """);

        var error = await WriteRefusedAsync(table, $$"""{"id":1,"email":"{{RowValue}}"}""");

        Assert.Equal($"PostgreSQL: writing to table \"{table}\" failed: P0001 raise_exception.", error.Message);
    }

    [Fact]
    public async Task ConnectionRefused_SaysSo_WithoutHostOrPort()
    {
        var port = LoopbackPorts.Free();
        var profile = database.Profile() with
        {
            Properties = new Dictionary<string, string>(database.Profile().Properties) { ["port"] = port.ToString() },
        };
        var context = database.Context(new Dictionary<string, string> { ["object"] = "t" }, profile: profile);

        var read = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(context));
        var write = await Assert.ThrowsAsync<ConnectorException>(() => database.Connector.OpenWriterAsync(context, CancellationToken.None).AsTask());

        Assert.Equal("PostgreSQL: could not connect to the profile's database (connection refused).", read.Message);
        Assert.Equal(read.Message, write.Message);
        Assert.DoesNotContain(port.ToString(), read.Message, StringComparison.Ordinal);
    }
}
