using FlowGrains.Connectors;
using FlowGrains.DataPlane.Executions;
using Npgsql;

namespace FlowGrains.Bench;

/// <summary>
/// Hands the connector the benchmark's profile: a run resolves profiles through profile grains, and this
/// benchmark runs the <see cref="FlowRunner"/> without a cluster (its flow names no profile).
/// </summary>
internal sealed class ProfiledConnector(IFlowConnector inner, ConnectorProfileSettings profile) : IFlowConnector
{
    public string ConnectorType => inner.ConnectorType;

    public bool CanRead => inner.CanRead;

    public bool CanWrite => inner.CanWrite;

    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath) =>
        inner.ValidateProperties(role, properties, fieldPath);

    public IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        inner.ReadAsync(context with { Profile = profile }, cancellationToken);

    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        inner.OpenWriterAsync(context with { Profile = profile }, cancellationToken);

    /// <summary>The profile of a PostgreSQL connection string: host, port, database, user and password.</summary>
    public static ConnectorProfileSettings Profile(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new ConnectorProfileSettings(
            "bench",
            new Dictionary<string, string> { ["host"] = builder.Host!, ["port"] = builder.Port.ToString(), ["databaseName"] = builder.Database! },
            new Dictionary<string, string> { ["username"] = builder.Username!, ["password"] = builder.Password ?? "" });
    }
}
