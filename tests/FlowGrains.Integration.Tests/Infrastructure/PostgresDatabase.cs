using FlowGrains.Postgres.Schema;

namespace FlowGrains.Integration.Tests.Infrastructure;

/// <summary>An empty database on the run's private server with the FlowGrains schema applied; one per test class.</summary>
public sealed class PostgresDatabase(PostgresServer? server = null) : IAsyncLifetime
{
    /// <summary>A database on the run's shared server.</summary>
    public PostgresDatabase()
        : this(null)
    {
    }

    /// <summary>The connection string of the database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The server it lives on.</summary>
    public PostgresServer Server { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Server = server ?? await SharedPostgres.GetAsync();
        ConnectionString = await Server.CreateDatabaseAsync("flowgrains");
        await SchemaMigrator.ApplyAsync(ConnectionString);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Task.CompletedTask;
}
