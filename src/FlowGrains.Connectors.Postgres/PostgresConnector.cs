using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Limits;
using FlowGrains.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
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
/// reading statement, on a profile that allows queries, run READ ONLY with a statement timeout). Each row becomes one record, field per column (see <see cref="ColumnReader"/> for
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
/// Runs share one connection pool per distinct connection string, at most FlowGrains:Limits:MaxPostgresPools of them
/// (see <see cref="PostgresDataSources"/>); the pools close with the connector. Every
/// connection goes to an address of the profile's host that the egress policy (<see cref="IEgressPolicy"/>) checked.
/// </summary>
public sealed class PostgresConnector : IFlowConnector, IConnectorEntityMetadata, IAsyncDisposable
{
    /// <summary>The connector type name flows use.</summary>
    public const string TypeName = "Postgres";

    internal const int BatchSize = 5000;

    private const string SourcePath = "sourceFlowConfig.sourceConnectorProperties.Postgres";

    private readonly PostgresDataSources _dataSources;
    private readonly PostgresConnectorOptions _options;

    /// <summary>A connector with the default options (a 30 second query timeout) that connects where <paramref name="egress"/> allows.</summary>
    public PostgresConnector(IEgressPolicy egress)
        : this(egress, Options.Create(new PostgresConnectorOptions()))
    {
    }

    /// <summary>A connector with <paramref name="options"/>, bound from <c>FlowGrains:Postgres</c>, that connects where <paramref name="egress"/> allows.</summary>
    /// <param name="egress">Checks every address the connector connects to.</param>
    /// <param name="options">The query timeout.</param>
    /// <param name="limits">Bounds the pools kept (<see cref="LimitsOptions.MaxPostgresPools"/>); the defaults when null.</param>
    [ActivatorUtilitiesConstructor]
    public PostgresConnector(IEgressPolicy egress, IOptions<PostgresConnectorOptions> options, IOptions<LimitsOptions>? limits = null)
    {
        _dataSources = new(egress, (limits?.Value ?? new LimitsOptions()).MaxPostgresPools);
        _options = options.Value;
    }

    /// <summary>How many connection pools the connector keeps now.</summary>
    internal int CachedPools => _dataSources.Count;

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

    /// <inheritdoc />
    public IEnumerable<EgressTarget> EgressTargets(ConnectorProfileSettings profile, string fieldPath) => [PostgresProfile.Target(profile, fieldPath)];

    /// <summary>
    /// The source's column names, asked of the database within 10 seconds; null when it cannot be asked. A query
    /// on a profile that does not allow queries, or one PostgreSQL refuses as a statement (see
    /// <see cref="SingleStatement.IsRefusal"/>), is a VALIDATION_ERROR on <c>query</c>.
    /// </summary>
    public async ValueTask<IReadOnlySet<string>?> DescribeSourceFieldsAsync(
        IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings? profile, CancellationToken cancellationToken)
    {
        if (profile is null)
        {
            return null;
        }

        var source = PostgresSource.Parse(properties, SourcePath);
        PostgresEndpoint endpoint;
        try
        {
            endpoint = PostgresProfile.Endpoint(profile, quickFailure: true);
        }
        catch (Exception exception) when (exception is ConnectorException or FlowOperationException)
        {
            return null;
        }

        if (source.Query is not null && !endpoint.AllowsQueries)
        {
            throw FlowOperationException.Invalid($"{SourcePath}.query", QueriesNotAllowed(profile));
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await using var dataSource = await _dataSources.RentAsync(endpoint, timeout.Token);
            await using var connection = await dataSource.Value.OpenConnectionAsync(timeout.Token);
            await using var transaction = await ReadOnlyTransaction.BeginAsync(connection, QueryTimeout(endpoint), timeout.Token);
            var columns = await SourceColumn.DescribeAsync(connection, source, timeout.Token);
            return columns.Select(column => column.Name).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception exception) when (source.Query is not null && SingleStatement.IsRefusal(exception))
        {
            throw FlowOperationException.Invalid($"{SourcePath}.query", $"PostgreSQL refused it: {PostgresEndpoint.Reason(exception)}.");
        }
        catch (Exception exception) when (exception is OperationCanceledException or ConnectorException || PostgresEndpoint.IsKnownFailure(exception))
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
        var source = PostgresSource.Parse(context.Properties, SourcePath);
        var endpoint = PostgresProfile.Endpoint(context.Profile);
        if (source.Query is not null && !endpoint.AllowsQueries)
        {
            throw new ConnectorException($"The source's query is not allowed: {QueriesNotAllowed(context.Profile!)}");
        }

        LeasedCache<NpgsqlDataSource>.Lease dataSource;
        try
        {
            dataSource = await _dataSources.RentAsync(endpoint, cancellationToken);
        }
        catch (ConnectorFailure failure)
        {
            throw new ConnectorException(endpoint.Describe($"reading from {source.Description}", failure), failure);
        }

        await using var lease = dataSource;
        var queryTimeout = QueryTimeout(endpoint);
        var batches = ReadAhead.Of(
            PostgresRecordReader.ReadAsync(dataSource.Value, source, queryTimeout, context, BatchSize, cancellationToken),
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
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.QueryCanceled && source.Query is not null)
            {
                throw new ConnectorException(
                    $"{endpoint.Describe($"reading from {source.Description}", exception).TrimEnd('.')}; the query may run for {queryTimeout.TotalSeconds:0.###} s ({PostgresConnectorOptions.SectionName}:QueryTimeout, or the profile's queryTimeoutSeconds).",
                    exception);
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
        var operation = $"writing to table {destination.Table.Sql}";
        LeasedCache<NpgsqlDataSource>.Lease dataSource;
        try
        {
            dataSource = await _dataSources.RentAsync(endpoint, cancellationToken);
        }
        catch (ConnectorFailure failure)
        {
            throw new ConnectorException(endpoint.Describe(operation, failure), failure);
        }

        try
        {
            return new LeasedRecordWriter(await PostgresRecordWriter.OpenAsync(dataSource.Value, destination, endpoint, cancellationToken), dataSource);
        }
        catch (Exception exception) when (PostgresEndpoint.IsKnownFailure(exception))
        {
            await dataSource.DisposeAsync();
            throw new ConnectorException(endpoint.Describe(operation, exception), exception);
        }
        catch
        {
            await dataSource.DisposeAsync();
            throw;
        }
    }

    // Someone is waiting on the answer: the quick endpoint gives up within seconds rather than a run's minutes.
    private async ValueTask<T> AskCatalogAsync<T>(ConnectorProfileSettings? profile, string operation, Func<NpgsqlConnection, Task<T>> ask, CancellationToken cancellationToken)
    {
        var endpoint = PostgresProfile.Endpoint(profile, quickFailure: true);
        try
        {
            await using var dataSource = await _dataSources.RentAsync(endpoint, cancellationToken);
            await using var connection = await dataSource.Value.OpenConnectionAsync(cancellationToken);
            return await ask(connection);
        }
        catch (Exception exception) when (PostgresEndpoint.IsKnownFailure(exception))
        {
            throw new ConnectorException(endpoint.Describe(operation, exception), exception);
        }
    }

    private TimeSpan QueryTimeout(PostgresEndpoint endpoint) => endpoint.QueryTimeout ?? _options.QueryTimeout;

    private static string QueriesNotAllowed(ConnectorProfileSettings profile) =>
        $"connector profile '{profile.Name}' does not allow queries; an Admin can set its connectorProfileProperties.allowQueries to \"true\", or the source can name a table (object).";

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _dataSources.DisposeAsync();
}
