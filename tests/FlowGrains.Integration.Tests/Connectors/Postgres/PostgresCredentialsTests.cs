using System.Text.Json.Nodes;
using FlowGrains.Connectors;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

public sealed class PostgresCredentialsTests(PostgresConnectorDatabase database) : IClassFixture<PostgresConnectorDatabase>
{
    [Fact]
    public async Task WrongPassword_FailsReadAndWriteWithoutShowingThePassword()
    {
        var role = PostgresConnectorDatabase.TableName("pw");
        await database.Server.AddPasswordRoleAsync(role, "right-password");
        const string wrong = "hunter2-wrong";
        var profile = database.Profile(role, wrong);
        var table = PostgresConnectorDatabase.TableName("t");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int)");

        var read = await Assert.ThrowsAsync<ConnectorException>(() => database.ReadAsync(database.Context(new Dictionary<string, string> { ["object"] = table }, profile: profile)));
        var write = await Assert.ThrowsAsync<ConnectorException>(() => database.Connector.OpenWriterAsync(
            database.Context(new Dictionary<string, string> { ["object"] = table }, profile: profile), CancellationToken.None).AsTask());

        var expected = $"PostgreSQL: could not connect to the profile's database (28P01 invalid_password: password authentication failed for user \"{role}\").";
        Assert.Equal(expected, read.Message);
        Assert.Equal(expected, write.Message);
        Assert.DoesNotContain(wrong, read.ToString());
        Assert.DoesNotContain(wrong, write.ToString());
    }

    [Fact]
    public async Task RightPassword_ReadsAndWrites()
    {
        var role = PostgresConnectorDatabase.TableName("pw");
        await database.Server.AddPasswordRoleAsync(role, "it's-right");
        var profile = database.Profile(role, "it's-right");
        var table = PostgresConnectorDatabase.TableName("t");
        await database.ExecuteAsync($"CREATE TABLE {table} (id int)");
        var properties = new Dictionary<string, string> { ["object"] = table };

        await using (var writer = await database.Connector.OpenWriterAsync(database.Context(properties, profile: profile), CancellationToken.None))
        {
            await writer.WriteAsync([new JsonObject { ["id"] = 1 }], CancellationToken.None);
        }

        var batches = await database.ReadAsync(database.Context(properties, profile: profile));
        Assert.Equal("""{"id":1}""", Assert.Single(Assert.Single(batches).Records).ToJsonString());
    }
}
