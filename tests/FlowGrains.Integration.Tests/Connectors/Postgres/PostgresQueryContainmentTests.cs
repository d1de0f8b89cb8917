using System.Globalization;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Postgres;
using FlowGrains.Errors;
using Microsoft.Extensions.Options;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

/// <summary>
/// Query sources attacked on purpose: a second statement (plain, or hidden behind a comment that only a
/// carriage return ends), a data-modifying WITH, a query that outlasts its statement timeout, and a profile that
/// never allowed queries. Each is refused at create time (VALIDATION_ERROR on query) and in runs, and changes nothing.
/// </summary>
public sealed class PostgresQueryContainmentTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    private const string QueryField = "sourceFlowConfig.sourceConnectorProperties.Postgres.query";

    private static Dictionary<string, string> Query(string sql) => new() { ["query"] = sql };

    // A kept table with one row and an empty side-effect table that a smuggled statement would write to.
    private async Task<(string Kept, string Effects)> TablesAsync()
    {
        var kept = PostgresConnectorDatabase.TableName("kept");
        var effects = PostgresConnectorDatabase.TableName("fx");
        await database.ExecuteAsync($"CREATE TABLE {kept} (id int); INSERT INTO {kept} VALUES (1); CREATE TABLE {effects} (id int);");
        return (kept, effects);
    }

    private async Task<FlowOperationException> CreateRefusalAsync(string sql, ConnectorProfileSettings? profile = null)
    {
        var error = await Assert.ThrowsAsync<FlowOperationException>(async () =>
            await database.Connector.DescribeSourceFieldsAsync(Query(sql), profile ?? database.Profile(), CancellationToken.None));
        Assert.Equal(FlowErrorCode.ValidationError, error.Code);
        return error;
    }

    private Task<ConnectorException> RunRefusalAsync(string sql, ConnectorProfileSettings? profile = null, PostgresConnector? connector = null) =>
        Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var _ in (connector ?? database.Connector).ReadAsync(database.Context(Query(sql), profile: profile), CancellationToken.None))
            {
            }
        });

    private async Task AssertRefusedAtCreateAndInRunsAsync(string sql, string reason)
    {
        var create = await CreateRefusalAsync(sql);
        var run = await RunRefusalAsync(sql);

        Assert.Equal($"{QueryField}: PostgreSQL refused it: {reason}.", create.Message);
        // In a run record, PostgreSQL's refusal is told as its SQLSTATE and condition name, without the server's address.
        var refusal = System.Text.RegularExpressions.Regex.Match(reason, @"^(.*) \(SQLSTATE (\w+)\)$");
        var condition = refusal.Groups[2].Value switch { "42601" => "syntax_error", "0A000" => "feature_not_supported", var code => code };
        Assert.Equal($"PostgreSQL: reading from the query failed: {refusal.Groups[2].Value} {condition}: {refusal.Groups[1].Value}.", run.Message);
    }

    [Theory]
    // Closes the describe's wrapping, so that without PostgreSQL's judgement the INSERT would be a statement of its own.
    [InlineData("SELECT 1 AS id -- note\r) AS q LIMIT 0; INSERT INTO {0} VALUES (1); SELECT * FROM (SELECT 1")]
    public async Task SecondStatementBehindACarriageReturnEndedComment_IsRefusedAtCreateAndInRuns_AndNeverRuns(string template)
    {
        var (_, effects) = await TablesAsync();
        var sql = string.Format(CultureInfo.InvariantCulture, template, effects);

        await AssertRefusedAtCreateAndInRunsAsync(sql, "cannot insert multiple commands into a prepared statement (SQLSTATE 42601)");
        Assert.Equal(["0"], await database.RowsAsync($"SELECT count(*) FROM {effects}"));
    }

    [Fact]
    public async Task CopyTextWithASecondStatement_IsRefusedByTheServerBeforeAnythingRuns()
    {
        // The run sends COPY in the simple protocol, which would run a second statement: it is parsed on its own first.
        var (_, effects) = await TablesAsync();
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();

        var error = await Assert.ThrowsAsync<Npgsql.PostgresException>(() =>
            SingleStatement.DescribeAsync(connection, $"COPY (SELECT 1 -- note\r) TO STDOUT (FORMAT BINARY); INSERT INTO {effects} VALUES (1)", reader => reader.FieldCount, CancellationToken.None));

        Assert.Equal(("42601", "cannot insert multiple commands into a prepared statement"), (error.SqlState, error.MessageText));
        Assert.Equal(["0"], await database.RowsAsync($"SELECT count(*) FROM {effects}"));
    }

    [Theory]
    [InlineData("SELECT id FROM {0}; DELETE FROM {0}", "syntax error at or near \";\" (SQLSTATE 42601)")]
    // Wrapped as the subquery it is read from, a data-modifying WITH is refused before READ ONLY would stop it.
    [InlineData("WITH d AS (DELETE FROM {0} RETURNING *) SELECT * FROM d", "WITH clause containing a data-modifying statement must be at the top level (SQLSTATE 0A000)")]
    public async Task QueryThatDeletes_IsRefusedAtCreateAndInRuns_AndDeletesNothing(string template, string reason)
    {
        var (kept, _) = await TablesAsync();

        await AssertRefusedAtCreateAndInRunsAsync(string.Format(CultureInfo.InvariantCulture, template, kept), reason);

        Assert.Equal(["1"], await database.RowsAsync($"SELECT count(*) FROM {kept}"));
    }

    [Fact]
    public async Task QueryOutlastingTheConfiguredTimeout_EndsTheRunWithATimeoutError()
    {
        await using var connector = new PostgresConnector(LoopbackEgress.Policy(), Options.Create(new PostgresConnectorOptions { QueryTimeout = TimeSpan.FromSeconds(1) }));

        var error = await RunRefusalAsync("SELECT pg_sleep(10) AS slept", connector: connector);

        Assert.Equal(
            "PostgreSQL: reading from the query failed: 57014 query_canceled: canceling statement due to statement timeout; "
            + "the query may run for 1 s (FlowGrains:Postgres:QueryTimeout, or the profile's queryTimeoutSeconds).",
            error.Message);
    }

    [Fact]
    public async Task QueryOutlastingItsProfilesTimeout_EndsTheRunWithATimeoutError_OverTheConfiguredOne()
    {
        var error = await RunRefusalAsync("SELECT pg_sleep(10) AS slept", database.Profile(extra: ("queryTimeoutSeconds", "1")));

        Assert.EndsWith(
            "57014 query_canceled: canceling statement due to statement timeout; the query may run for 1 s (FlowGrains:Postgres:QueryTimeout, or the profile's queryTimeoutSeconds).",
            error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    public async Task ProfileThatDoesNotAllowQueries_RefusesAQuerySource_ButReadsATable(string? allowQueries)
    {
        var (kept, effects) = await TablesAsync();
        var profile = database.Profile(extra: ("allowQueries", allowQueries));
        var sql = $"SELECT id FROM {kept}";

        var create = await CreateRefusalAsync(sql, profile);
        var run = await RunRefusalAsync(sql, profile);
        var tableFields = await database.Connector.DescribeSourceFieldsAsync(new Dictionary<string, string> { ["object"] = kept }, profile, CancellationToken.None);

        const string Rule = "connector profile 'test-profile' does not allow queries; an Admin can set its connectorProfileProperties.allowQueries to \"true\", or the source can name a table (object).";
        Assert.Equal($"{QueryField}: {Rule}", create.Message);
        Assert.Equal($"The source's query is not allowed: {Rule}", run.Message);
        Assert.Equal(["id"], tableFields!);
        Assert.Equal(["0"], await database.RowsAsync($"SELECT count(*) FROM {effects}"));
    }

    [Fact]
    public async Task SemicolonsInsideStringsAndCommentsAndATrailingOne_AreOneStatement()
    {
        const string Sql = "SELECT ';' AS a, $x$;$x$ AS b, E'\\';' AS c -- ;\r\n;\n";

        var fields = await database.Connector.DescribeSourceFieldsAsync(Query(Sql), database.Profile(), CancellationToken.None);
        var batches = await database.ReadAsync(database.Context(Query(Sql)));

        Assert.Equal(["a", "b", "c"], fields!.Order(StringComparer.Ordinal));
        var record = Assert.Single(Assert.Single(batches).Records);
        Assert.Equal([";", ";", "';"], new[] { "a", "b", "c" }.Select(field => record[field]!.GetValue<string>()));
    }
}
