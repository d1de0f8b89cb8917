using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FlowGrains.Contracts.Connectors;
using FlowGrains.Grains.Connectors;
using Npgsql;

namespace FlowGrains.Connectors.Postgres;

/// <summary>
/// Reads from and writes to tables of a PostgreSQL database (connector type <c>Postgres</c>).
/// <para>
/// Profile (see <see cref="PostgresProfile"/>): properties <c>host</c>, <c>port</c>, <c>databaseName</c>,
/// <c>sslMode</c>; credentials <c>username</c>, <c>password</c>.
/// </para>
/// <para>
/// Source properties (see <see cref="PostgresSource"/>): <c>object</c> (a table or view) or <c>query</c> (one
/// SELECT statement). Each row becomes one record, field per column (see <see cref="ColumnValueReader"/> for
/// the JSON each type becomes). With an incremental pull field (a timestamptz, timestamp or date column),
/// rows are read in ascending order of it, within the run's pull range.
/// </para>
/// <para>
/// Destination properties (see <see cref="PostgresDestination"/>): <c>object</c>, <c>writeOperationType</c>
/// (INSERT, UPSERT, UPDATE, DELETE) and <c>idFieldNames</c>. Each batch commits on its own; a value that does
/// not convert to its column's type fails the whole batch, naming the field and record (see
/// <see cref="PostgresRecordWriter"/>).
/// </para>
/// Entities (see <see cref="PostgresEntities"/>): schemas, then their tables and views as <c>schema.table</c>.
/// Runs share one connection pool per distinct connection string; the pools close with the connector.
/// </summary>
public sealed class PostgresConnector : IFlowConnector, IConnectorEntityMetadata, IAsyncDisposable
{
    /// <summary>The connector type name flows use.</summary>
    public const string TypeName = "Postgres";

    internal const int BatchSize = 5000;

    private readonly PostgresDataSources _dataSources = new();

    /// <inheritdoc />
    public string ConnectorType => TypeName;

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities => new(true, true, [], [.. PostgresDestination.OperationNames], EntityProperty: "object");

    /// <inheritdoc />
    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        if (role == ConnectorRole.Source)
        {
            PostgresSource.Parse(properties, fieldPath);
        }
        else
        {
            PostgresDestination.Parse(properties, fieldPath);
        }
    }

    /// <inheritdoc />
    public void ValidateProfile(ConnectorProfileSettings profile, string fieldPath) => PostgresProfile.Validate(profile, fieldPath);

    /// <summary>The source's column names, asked of the database within 5 seconds; null when it cannot be asked.</summary>
    public async ValueTask<IReadOnlySet<string>?> DescribeSourceFieldsAsync(
        IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings? profile, CancellationToken cancellationToken)
    {
        if (profile is null)
        {
            return null;
        }

        try
        {
            var source = PostgresSource.Parse(properties, "sourceConnectorProperties");
            var endpoint = PostgresProfile.Endpoint(profile, quickFailure: true);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await using var connection = await _dataSources.Get(endpoint.ConnectionString).OpenConnectionAsync(timeout.Token);
            await using var transaction = await connection.BeginTransactionAsync(timeout.Token);
            var columns = await SourceColumn.DescribeAsync(connection, source, timeout.Token);
            return columns.Select(column => column.Name).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectorException or Contracts.Errors.FlowOperationException
            || PostgresEndpoint.IsKnownFailure(exception))
        {
            // Checks at create time fall back to what the run finds: an unreachable database must not fail or stall them.
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
    }

    /// <inheritdoc />
    public ValueTask<ConnectorEntityPage> ListEntitiesAsync(
        string? entitiesPath, ConnectorProfileSettings? profile, int maxResults, string? nextToken, CancellationToken cancellationToken) =>
        AskCatalogAsync(profile, "listing the database's tables", connection => PostgresEntities.ListAsync(connection, entitiesPath, maxResults, nextToken, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<ImmutableArray<ConnectorEntityField>> DescribeEntityAsync(
        string entityName, ConnectorProfileSettings? profile, CancellationToken cancellationToken) =>
        AskCatalogAsync(profile, $"describing entity '{entityName}'", connection => PostgresEntities.DescribeAsync(connection, entityName, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public async IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var source = PostgresSource.Parse(context.Properties, "sourceConnectorProperties");
        var endpoint = PostgresProfile.Endpoint(context.Profile);
        var batches = ReadAhead.Of(
            PostgresRecordReader.ReadAsync(_dataSources.Get(endpoint.ConnectionString), source, context, BatchSize, cancellationToken),
            depth: 2,
            cancellationToken);
        await using var enumerator = batches.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }
            }
            catch (Exception exception) when (PostgresEndpoint.IsKnownFailure(exception))
            {
                throw new ConnectorException(endpoint.Describe($"reading from {source.Description}", exception), exception);
            }

            yield return enumerator.Current;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken)
    {
        var destination = PostgresDestination.Parse(context.Properties, "destinationConnectorProperties");
        var endpoint = PostgresProfile.Endpoint(context.Profile);
        try
        {
            return await PostgresRecordWriter.OpenAsync(_dataSources.Get(endpoint.ConnectionString), destination, endpoint, cancellationToken);
        }
        catch (Exception exception) when (PostgresEndpoint.IsKnownFailure(exception))
        {
            throw new ConnectorException(endpoint.Describe($"writing to table {destination.Table.Sql}", exception), exception);
        }
    }

    // Someone is waiting on the answer: the quick endpoint gives up within seconds rather than a run's minutes.
    private async ValueTask<T> AskCatalogAsync<T>(ConnectorProfileSettings? profile, string operation, Func<NpgsqlConnection, Task<T>> ask, CancellationToken cancellationToken)
    {
        var endpoint = PostgresProfile.Endpoint(profile, quickFailure: true);
        try
        {
            await using var connection = await _dataSources.Get(endpoint.ConnectionString).OpenConnectionAsync(cancellationToken);
            return await ask(connection);
        }
        catch (Exception exception) when (PostgresEndpoint.IsKnownFailure(exception))
        {
            throw new ConnectorException(endpoint.Describe(operation, exception), exception);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSources.DisposeAsync();
}
