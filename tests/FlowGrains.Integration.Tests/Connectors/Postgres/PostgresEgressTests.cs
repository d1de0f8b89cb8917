using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Postgres;
using FlowGrains.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

/// <summary>The Postgres connector connects to the address of the profile's host that the egress policy checked.</summary>
public sealed class PostgresEgressTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    [Fact]
    public async Task HostThePolicyRefuses_FailsReadAndWrite_NamingTheDatabaseAndTheRefusal()
    {
        await using var connector = new PostgresConnector(
            new EgressPolicy(Options.Create(new EgressOptions()), new DnsHostResolver(), NullLogger<EgressPolicy>.Instance));
        var context = database.Context(new Dictionary<string, string> { ["object"] = "anything" });

        var read = await Assert.ThrowsAsync<ConnectorException>(async () =>
        {
            await foreach (var _ in connector.ReadAsync(context, CancellationToken.None))
            {
            }
        });
        var write = await Assert.ThrowsAsync<ConnectorException>(() => connector.OpenWriterAsync(context, CancellationToken.None).AsTask());

        const string Refusal = "127.0.0.1 is a loopback address, which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)";
        Assert.Equal($"PostgreSQL: reading from table \"anything\" failed: {Refusal}", read.Message);
        Assert.Equal($"PostgreSQL: writing to table \"anything\" failed: {Refusal}", write.Message);
    }

    // The system cannot resolve pg.rebind.test: rows coming back show the connection went to the checked address,
    // and the second answer (the metadata address) is refused rather than connected to.
    [Fact]
    public async Task HostName_IsConnectedToOnTheCheckedAddress_AndANewAnswerIsCheckedAgain()
    {
        var dns = new ScriptedResolver();
        dns.Script("pg.rebind.test", "127.0.0.1", "169.254.169.254");
        await using var connector = new PostgresConnector(LoopbackEgress.Policy(dns));
        var table = PostgresConnectorDatabase.TableName("egress");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int); INSERT INTO {table} VALUES (7)");
        var profile = new ConnectorProfileSettings(
            "named", new Dictionary<string, string>(database.Profile().Properties) { ["host"] = "pg.rebind.test" }, database.Profile().Credentials);
        var context = database.Context(new Dictionary<string, string> { ["object"] = table }, profile: profile);

        var records = new List<string>();
        await foreach (var batch in connector.ReadAsync(context, CancellationToken.None))
        {
            records.AddRange(batch.Records.Select(record => record.ToJsonString()));
        }

        var refused = await Assert.ThrowsAsync<ConnectorException>(() => connector.OpenWriterAsync(context, CancellationToken.None).AsTask());
        Assert.Equal("""{"id":7}""", Assert.Single(records));
        Assert.Equal(
            $"PostgreSQL: writing to table \"{table}\" failed: 'pg.rebind.test' resolves to 169.254.169.254, a cloud metadata address, which the egress policy refuses (an operator can allow it in FlowGrains:Egress:Allow)",
            refused.Message);
    }
}
