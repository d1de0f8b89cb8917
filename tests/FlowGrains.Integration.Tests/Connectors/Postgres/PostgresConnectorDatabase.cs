using System.Collections.Immutable;
using System.Text.Json.Nodes;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Postgres;
using FlowGrains.Integration.Tests.Infrastructure;
using Npgsql;

namespace FlowGrains.Integration.Tests.Connectors.Postgres;

/// <summary>
/// A database on the run's private server for one test class, the connector under test and a profile pointing
/// at the database. Tests name their own tables, so they share it freely.
/// </summary>
public sealed class PostgresConnectorDatabase : IAsyncLifetime
{
    /// <summary>The connector under test.</summary>
    public PostgresConnector Connector { get; } = new(FlowGrains.Testing.LoopbackEgress.Policy());

    /// <summary>The server the database lives on.</summary>
    public PostgresServer Server { get; private set; } = null!;

    /// <summary>The database's name.</summary>
    public string DatabaseName { get; private set; } = "";

    /// <summary>The connection string of the database, for setting up and checking tables.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Server = await SharedPostgres.GetAsync();
        ConnectionString = new NpgsqlConnectionStringBuilder(await Server.CreateDatabaseAsync("pgconn")) { Timezone = "UTC" }.ConnectionString;
        DatabaseName = new NpgsqlConnectionStringBuilder(ConnectionString).Database!;
    }

    /// <inheritdoc />
    public async Task DisposeAsync() => await Connector.DisposeAsync();

    /// <summary>
    /// A profile for the database as the superuser, with <paramref name="password"/> (ignored by trust authentication),
    /// that allows queries, with <paramref name="extra"/> properties added or replacing those.
    /// </summary>
    public ConnectorProfileSettings Profile(string username = "postgres", string password = "not-checked", params (string Key, string? Value)[] extra)
    {
        var properties = new Dictionary<string, string>
        {
            ["host"] = "127.0.0.1", ["port"] = Server.Port.ToString(), ["databaseName"] = DatabaseName, ["allowQueries"] = "true",
        };
        foreach (var (key, value) in extra)
        {
            if (value is null)
            {
                properties.Remove(key);
            }
            else
            {
                properties[key] = value;
            }
        }

        return new("test-profile", properties, new Dictionary<string, string> { ["username"] = username, ["password"] = password });
    }

    /// <summary>A run context for the connector with these properties.</summary>
    public ConnectorRunContext Context(
        IReadOnlyDictionary<string, string> properties,
        string? datetimeField = null,
        DateTimeOffset? start = null,
        DateTimeOffset? end = null,
        ConnectorProfileSettings? profile = null) =>
        new("flow", Guid.NewGuid().ToString("N"), properties, ImmutableSortedDictionary<string, string>.Empty,
            DataPullStart: start, DataPullEnd: end, Profile: profile ?? Profile(), DatetimeTypeFieldName: datetimeField);

    /// <summary>Runs SQL statements against the database.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of <paramref name="sql"/>, each as its columns' text joined by '|' (NULL as "null").</summary>
    public async Task<IReadOnlyList<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        }

        return rows;
    }

    /// <summary>Every record the connector reads with <paramref name="context"/>, batch by batch.</summary>
    public async Task<IReadOnlyList<RecordBatch>> ReadAsync(ConnectorRunContext context)
    {
        var batches = new List<RecordBatch>();
        await foreach (var batch in Connector.ReadAsync(context, CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>Writes <paramref name="batches"/> through one writer and completes it; returns the bytes it reports.</summary>
    public async Task<long> WriteAsync(IReadOnlyDictionary<string, string> properties, params IReadOnlyList<JsonObject>[] batches)
    {
        await using var writer = await Connector.OpenWriterAsync(Context(properties), CancellationToken.None);
        foreach (var batch in batches)
        {
            await writer.WriteAsync(batch, CancellationToken.None);
        }

        return await writer.CompleteAsync(CancellationToken.None);
    }

    /// <summary>A fresh table name for one test.</summary>
    public static string TableName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
