using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Providers;

/// <summary>
/// A fresh database with the FlowGrains schema, shared by the tests of one class. It wraps
/// <see cref="PostgresDatabase"/>, which xunit cannot use as a class fixture directly (it has two public constructors).
/// </summary>
public sealed class ProviderDatabase : IAsyncLifetime
{
    private readonly PostgresDatabase _database = new();

    /// <summary>The connection string of the database.</summary>
    public string ConnectionString => _database.ConnectionString;

    /// <inheritdoc />
    public Task InitializeAsync() => _database.InitializeAsync();

    /// <inheritdoc />
    public Task DisposeAsync() => _database.DisposeAsync();
}
