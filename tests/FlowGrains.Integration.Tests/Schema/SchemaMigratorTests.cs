using FlowGrains.Integration.Tests.Infrastructure;
using FlowGrains.Postgres.Schema;
using Npgsql;

namespace FlowGrains.Integration.Tests.Schema;

public sealed class SchemaMigratorTests
{
    [Fact]
    public async Task Apply_OnEmptyDatabase_AppliesEveryStepOnceAndThenNothing()
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("schema");

        var first = await SchemaMigrator.ApplyAsync(database);
        var second = await SchemaMigrator.ApplyAsync(database);

        Assert.Equal(SchemaMigration.All.Select(step => step.Version), first);
        Assert.Empty(second);
        Assert.Equal(SchemaMigrator.LatestVersion, await CurrentVersionAsync(database));
    }

    [Fact]
    public async Task Apply_FromFourProcessesAtOnce_AppliesEachStepExactlyOnce()
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("schema");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SchemaMigrator.ApplyAsync(database))));

        Assert.Equal(SchemaMigration.All.Select(step => step.Version), results.SelectMany(applied => applied).Order());
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM flowgrains_schema_history", connection);
        Assert.Equal((long)SchemaMigration.All.Count, (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Apply_WhenAnAppliedStepWasEdited_RefusesNamingTheStep()
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("schema");
        await SchemaMigrator.ApplyAsync(database);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("UPDATE flowgrains_schema_history SET checksum = 'edited' WHERE version = 1", connection);
            await tamper.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SchemaMigrator.ApplyAsync(database));

        Assert.Contains($"Schema step 1 ({SchemaMigration.All[0].Name})", error.Message);
    }

    [Fact]
    public async Task CurrentVersion_OfEmptyDatabase_IsZero()
    {
        var server = await SharedPostgres.GetAsync();
        var database = await server.CreateDatabaseAsync("schema");

        Assert.Equal(0, await CurrentVersionAsync(database));
    }

    private static async Task<int> CurrentVersionAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return await SchemaMigrator.CurrentVersionAsync(connection);
    }
}
