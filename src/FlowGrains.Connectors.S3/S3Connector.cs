using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Egress;
using FlowGrains.Connectors.Files;
using FlowGrains.Connectors.Limits;
using FlowGrains.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlowGrains.Connectors.S3;

/// <summary>
/// Amazon S3, or any S3-compatible server, as a source and a destination (connector type <c>S3</c>).
/// <para>Source properties: <c>{ "bucketName": "b", "bucketPrefix": "in", "s3InputFormatConfig": { "s3InputFileType": "CSV" } }</c>
/// (<c>CSV</c> default, <c>JSON</c> for JSON lines, <c>PARQUET</c>); every object under <c>bucketPrefix/</c> whose
/// extension matches the type (<c>.csv</c>; <c>.json</c>/<c>.jsonl</c>; <c>.parquet</c>) is read, in key order.</para>
/// <para>Destination properties: <c>{ "bucketName": "b", "bucketPrefix": "out", "s3OutputFormatConfig": { "fileType": "PARQUET",
/// "prefixConfig": { "prefixType": "PATH", "prefixFormat": "DAY" }, "aggregationConfig": { "aggregationType": "SingleFile" } } }</c>;
/// each run writes one object, <c>bucketPrefix/flowName/[yyyy/MM/dd/]executionId.ext</c> (see <see cref="S3DestinationProperties.ObjectKey"/>),
/// timed by the run's start, visible only once the run completes.</para>
/// <para>Connector profile (optional): properties <c>endpointUrl</c>, <c>region</c>, <c>forcePathStyle</c>; credentials
/// <c>accessKeyId</c>, <c>secretAccessKey</c>, <c>sessionToken</c> (see <see cref="S3ProfileSettings"/>). A flow without a
/// profile is refused unless the operator allows ambient credentials (<see cref="S3ConnectorOptions"/>); then the SDK's
/// default credentials are used against AWS in us-east-1.</para>
/// <para>Connections go through the egress policy (<see cref="IEgressPolicy"/>), so an <c>endpointUrl</c> on a refused
/// address is refused when the profile is saved or, if its name resolves there only later, when a run connects.</para>
/// <para>Entities (see <see cref="S3Entities"/>): the prefixes of a bucket, one level at a time.</para>
/// S3 failures end the run with a <see cref="ConnectorException"/> naming the bucket and S3's error code, never a secret.
/// </summary>
public sealed class S3Connector(
    [FromKeyedServices(FlowGrainsClock.ServiceKey)] TimeProvider time,
    IEgressPolicy egress,
    IOptions<S3ConnectorOptions> options,
    IOptions<LimitsOptions>? limits = null) : IFlowConnector, IConnectorEntityMetadata, IDisposable
{
    /// <summary>The connector type name flows use.</summary>
    public const string TypeName = "S3";

    internal const int BatchSize = 1000;

    /// <summary>
    /// Outputs up to this size are uploaded in one request, larger ones in parts of this size (S3 takes parts of
    /// 5 MiB to 5 GiB, at most 10,000 of them: 16 MiB parts allow outputs up to about 160 GiB).
    /// </summary>
    internal long UploadPartSize { get; init; } = 16 * 1024 * 1024;

    private readonly S3ClientCache _clients = new(egress, (limits?.Value ?? new LimitsOptions()).MaxS3Clients);

    /// <summary>How many S3 clients the connector keeps now.</summary>
    internal int CachedClients => _clients.Count;

    /// <inheritdoc />
    public string ConnectorType => TypeName;

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities => new(CanRead, CanWrite, FileFormats.Names, []);

    /// <inheritdoc />
    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        if (role == ConnectorRole.Source)
        {
            S3SourceProperties.Parse(properties, fieldPath);
        }
        else
        {
            S3DestinationProperties.Parse(properties, fieldPath);
        }
    }

    /// <inheritdoc />
    public void ValidateProfile(ConnectorProfileSettings profile, string fieldPath) => S3ProfileSettings.Parse(profile, fieldPath);

    /// <summary>The endpointUrl's host, when the profile names one (AWS's own endpoints are checked as runs connect).</summary>
    public IEnumerable<EgressTarget> EgressTargets(ConnectorProfileSettings profile, string fieldPath) =>
        S3ProfileSettings.Parse(profile, fieldPath).EndpointUrl is { } endpoint ? [new(endpoint.IdnHost, $"{fieldPath}.endpointUrl")] : [];

    /// <summary>A flow without a profile would run on the host's own AWS credentials: refused unless the operator allows it.</summary>
    public void ValidateProfileUse(ConnectorRole role, ConnectorProfileSettings? profile, string fieldPath)
    {
        if (profile is null && !options.Value.AllowAmbientCredentials)
        {
            throw FlowOperationException.Invalid($"{fieldPath}.connectorProfileName", S3ConnectorOptions.AmbientRefusal + ".");
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, CancellationToken cancellationToken)
    {
        var source = S3SourceProperties.Parse(context.Properties, "sourceConnectorProperties.S3");
        var profile = Profile(context.Profile);
        var errors = new S3Errors(source.BucketName, Endpoint(profile));
        var batches = errors.GuardAsync(ReadWithClientAsync(profile, source, context.Limits, cancellationToken), cancellationToken);
        return ReadAhead.Of(batches, depth: 2, cancellationToken);
    }

    private async IAsyncEnumerable<RecordBatch> ReadWithClientAsync(
        S3ProfileSettings? profile, S3SourceProperties source, LimitsOptions limits, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var client = await _clients.RentAsync(profile);
        await foreach (var batch in S3ObjectSource.ReadAsync(client.Value, source, BatchSize, limits, cancellationToken))
        {
            yield return batch;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken)
    {
        var destination = S3DestinationProperties.Parse(context.Properties, "destinationConnectorProperties.S3");
        var profile = Profile(context.Profile);
        var key = destination.ObjectKey(context.FlowName, context.ExecutionId, time.GetUtcNow());
        var client = await _clients.RentAsync(profile);
        try
        {
            var upload = new S3StagedUpload(client.Value, destination.BucketName, key, UploadPartSize, new S3Errors(destination.BucketName, Endpoint(profile)), client);
            return new FileRecordWriter(upload, destination.FileType);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<ConnectorEntityPage> ListEntitiesAsync(
        string? entitiesPath, ConnectorProfileSettings? profile, int maxResults, string? nextToken, CancellationToken cancellationToken)
    {
        var path = S3EntityPath.Parse(entitiesPath, "entitiesPath");
        var settings = Profile(profile);
        await using var client = await _clients.RentAsync(settings);
        return await new S3Errors(path.BucketName, Endpoint(settings))
            .GuardAsync(() => S3Entities.ListAsync(client.Value, path, maxResults, nextToken, cancellationToken));
    }

    /// <inheritdoc />
    public async ValueTask<ImmutableArray<ConnectorEntityField>> DescribeEntityAsync(
        string entityName, ConnectorProfileSettings? profile, CancellationToken cancellationToken)
    {
        var path = S3EntityPath.Parse(entityName, "connectorEntityName");
        var settings = Profile(profile);
        await using var client = await _clients.RentAsync(settings);
        return await new S3Errors(path.BucketName, Endpoint(settings))
            .GuardAsync(() => S3Entities.DescribeAsync(client.Value, path, cancellationToken));
    }

    /// <summary>Disposes the S3 clients this connector made.</summary>
    // Disposing an S3 client is synchronous, so the cache's disposal completes here without waiting.
    public void Dispose() => _clients.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private S3ProfileSettings? Profile(ConnectorProfileSettings? settings) => settings switch
    {
        { } profile => S3ProfileSettings.Parse(profile, $"connectorProfile '{profile.Name}'"),
        null when options.Value.AllowAmbientCredentials => null,
        null => throw new ConnectorException(char.ToUpperInvariant(S3ConnectorOptions.AmbientRefusal[0]) + S3ConnectorOptions.AmbientRefusal[1..] + "."),
    };

    private static string Endpoint(S3ProfileSettings? profile) => profile?.EndpointDescription ?? "AWS S3 in us-east-1";
}
