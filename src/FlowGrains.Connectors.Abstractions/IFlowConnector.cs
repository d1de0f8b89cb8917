using System.Text.Json.Nodes;
using FlowGrains.Connectors.Limits;
using FlowGrains.Errors;

namespace FlowGrains.Connectors;

/// <summary>
/// A connector type: where runs read records from and write them to. Register an implementation in
/// the silo's services (<c>services.AddFlowConnector&lt;T&gt;()</c>) and flows can name its
/// <see cref="ConnectorType"/>. A connector instance is shared by all runs, so keep it stateless.
/// </summary>
public interface IFlowConnector
{
    /// <summary>The <c>connectorType</c> flows use to name this connector.</summary>
    string ConnectorType { get; }

    /// <summary>Whether flows can use this connector as their source.</summary>
    bool CanRead { get; }

    /// <summary>Whether flows can use this connector as a destination.</summary>
    bool CanWrite { get; }

    /// <summary>
    /// Checks the connector properties when a flow is created or updated; throws a
    /// <see cref="FlowOperationException"/> naming the field under <paramref name="fieldPath"/>.
    /// </summary>
    void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath);

    /// <summary>What this connector supports, as describe-connectors lists it.</summary>
    ConnectorCapabilities Capabilities => new(CanRead, CanWrite, [], []);

    /// <summary>
    /// Checks a connector profile's properties and credentials when the profile is created or updated; throws
    /// a <see cref="FlowOperationException"/> naming the field under <paramref name="fieldPath"/>.
    /// Connectors that take no profile accept only empty maps.
    /// </summary>
    void ValidateProfile(ConnectorProfileSettings profile, string fieldPath)
    {
        if (profile.Properties.Count > 0 || profile.Credentials.Count > 0)
        {
            throw FlowOperationException.Invalid(fieldPath, $"connector type '{ConnectorType}' takes no connector profile settings.");
        }
    }

    /// <summary>
    /// The hosts <paramref name="profile"/> makes this connector contact, each with the field that names it (under
    /// <paramref name="fieldPath"/>), so the egress policy can refuse them when a profile or a flow is created or
    /// updated. This is only the early check: connections must still go through <see cref="Egress.IEgressPolicy"/>.
    /// </summary>
    IEnumerable<Egress.EgressTarget> EgressTargets(ConnectorProfileSettings profile, string fieldPath) => [];

    /// <summary>
    /// Checks, when a flow is created or updated, that this connector can serve in <paramref name="role"/> with the
    /// profile the flow names (null when it names none); throws a <see cref="FlowOperationException"/>
    /// naming a field under <paramref name="fieldPath"/> (the flow's source or destination).
    /// </summary>
    void ValidateProfileUse(ConnectorRole role, ConnectorProfileSettings? profile, string fieldPath)
    {
    }

    /// <summary>
    /// Whether the profile property <paramref name="key"/> holds a secret (an HTTP header carrying a token, say).
    /// Its value is then sealed with the credentials, described as <c>***</c>, never logged, and given back to
    /// runs and checks as it was set; an update that sends <c>***</c> for it keeps the stored value.
    /// </summary>
    bool IsSecretProfileProperty(string key) => false;

    /// <summary>
    /// The fields a source with these properties will produce, so tasks can be checked when the flow is
    /// created or updated; null when the connector cannot tell without reading the data.
    /// </summary>
    ValueTask<IReadOnlySet<string>?> DescribeSourceFieldsAsync(
        IReadOnlyDictionary<string, string> properties, ConnectorProfileSettings? profile, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>?>(null);

    /// <summary>Reads the source's records in batches.</summary>
    IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, CancellationToken cancellationToken);

    /// <summary>Opens a writer for one run's output to this destination.</summary>
    ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken);
}

/// <summary>Whether a connector is being used as a source or a destination.</summary>
public enum ConnectorRole
{
    /// <summary>The flow reads from it.</summary>
    Source,
    /// <summary>The flow writes to it.</summary>
    Destination,
}

/// <summary>
/// Records read from a source together with the bytes read to produce them: JSON objects (schema-less sources), or
/// typed <see cref="Batches.ColumnBatch"/> columns (sources that know their schema), whose JSON objects are made
/// only when something asks for <see cref="Records"/>.
/// </summary>
public sealed record RecordBatch
{
    private IReadOnlyList<JsonObject>? _records;

    /// <summary>A batch of JSON records.</summary>
    public RecordBatch(IReadOnlyList<JsonObject> records, long bytesRead) => (_records, BytesRead) = (records, bytesRead);

    /// <summary>A batch of typed columns.</summary>
    public RecordBatch(Batches.ColumnBatch columns, long bytesRead) => (Columns, BytesRead) = (columns, bytesRead);

    /// <summary>The records as JSON objects (made from <see cref="Columns"/> on first use, for a typed batch).</summary>
    public IReadOnlyList<JsonObject> Records => _records ??= Columns!.ToRecords();

    /// <summary>The typed columns, or null for a batch of JSON records.</summary>
    public Batches.ColumnBatch? Columns { get; }

    /// <summary>How many records the batch holds.</summary>
    public int Count => Columns?.Count ?? _records!.Count;

    /// <summary>The bytes read to produce the batch.</summary>
    public long BytesRead { get; }
}

/// <summary>
/// What a connector type supports: roles, file types and write operations (empty when not applicable).
/// <see cref="EntityProperty"/> names the property that says which entity a flow reads or writes (a table,
/// a folder, a resource path); the AWS wire carries it as a CustomConnector's <c>entityName</c>.
/// </summary>
public sealed record ConnectorCapabilities(
    bool Source,
    bool Destination,
    System.Collections.Immutable.ImmutableArray<string> FileTypes,
    System.Collections.Immutable.ImmutableArray<string> WriteOperations,
    string? EntityProperty = null);

/// <summary>
/// A connector profile as a run or a check sees it: the profile's properties and its decrypted credentials.
/// Credentials are secrets: never log them, never put them in an error message.
/// </summary>
public sealed record ConnectorProfileSettings(
    string Name,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Credentials)
{
    /// <inheritdoc />
    public override string ToString() => $"ConnectorProfileSettings {{ Name = {Name}, Properties = {Properties.Count}, Credentials = (hidden) }}";
}

/// <summary>
/// What a connector knows about the run it serves. <see cref="EventPayload"/> is set for runs of Event flows;
/// <see cref="DataPullStart"/>..<see cref="DataPullEnd"/> is the range of data a scheduled run pulls (a
/// source that can filter by time should; a null start means everything up to the end).
/// <see cref="DatetimeTypeFieldName"/> is the source's incremental-pull field: a source that has one reads
/// records in ascending order of it, within the pull range (start inclusive, end exclusive).
/// <see cref="Profile"/> is the flow's connector profile for this connector, when it names one.
/// <see cref="Limits"/> are the silo's size limits: a connector that holds data in memory stays within them
/// and throws <see cref="RunLimitExceededException"/> when the data does not.
/// </summary>
public sealed record ConnectorRunContext(
    string FlowName,
    string ExecutionId,
    IReadOnlyDictionary<string, string> Properties,
    IReadOnlyDictionary<string, string> Parameters,
    string? EventPayload = null,
    DateTimeOffset? DataPullStart = null,
    DateTimeOffset? DataPullEnd = null,
    ConnectorProfileSettings? Profile = null,
    string? DatetimeTypeFieldName = null)
{
    /// <summary>The silo's size limits (the defaults unless configured under <c>FlowGrains:Limits</c>).</summary>
    public LimitsOptions Limits { get; init; } = new();
}

/// <summary>
/// One run's output to one destination. Output becomes visible only when <see cref="CompleteAsync"/>
/// succeeds; disposing a writer that was not completed discards what it wrote.
/// </summary>
public interface IRecordWriter : IAsyncDisposable
{
    /// <summary>
    /// Whether each batch is durable once <see cref="WriteAsync"/> returns (a database commit), rather than
    /// only when the output is completed. A run that fails part-way keeps its place only for such writers.
    /// </summary>
    bool CommitsEachBatch => false;

    /// <summary>
    /// Writes a batch of records. A batch the destination refuses is a <see cref="DestinationWriteException"/>
    /// that says how many of its records were not written.
    /// </summary>
    ValueTask WriteAsync(IReadOnlyList<JsonObject> records, CancellationToken cancellationToken);

    /// <summary>
    /// Writes a batch of typed records, as <see cref="WriteAsync(IReadOnlyList{JsonObject}, CancellationToken)"/>
    /// would write their JSON objects; writers that can write typed values override it.
    /// </summary>
    ValueTask WriteAsync(Batches.ColumnBatch batch, CancellationToken cancellationToken) => WriteAsync(batch.ToRecords(), cancellationToken);

    /// <summary>Publishes the output and returns the number of bytes written.</summary>
    ValueTask<long> CompleteAsync(CancellationToken cancellationToken);
}
