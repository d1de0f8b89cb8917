using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Files;
using FlowGrains.Errors;

namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// Reads every <c>.csv</c> (CSV), <c>.json</c>/<c>.jsonl</c> (JSON lines) or <c>.parquet</c> (Parquet) file of a
/// folder under the data root, in name order, and writes each run's output to a new file named by its executionId.
/// Properties: <c>path</c> (relative to the data root) and <c>fileType</c> (<c>CSV</c>, <c>JSON</c> or <c>PARQUET</c>).
/// Its entities are the folders under the data root (see <see cref="LocalFolderEntities"/>).
/// </summary>
public sealed class LocalFolderConnector(DataRoot dataRoot) : IFlowConnector, IConnectorEntityMetadata
{
    private readonly LocalFolderEntities _entities = new(dataRoot);

    /// <summary>The connector type name flows use.</summary>
    public const string TypeName = "LocalFolder";

    internal const int BatchSize = 1000;

    /// <inheritdoc />
    public string ConnectorType => TypeName;

    /// <inheritdoc />
    public bool CanRead => true;

    /// <inheritdoc />
    public bool CanWrite => true;

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities => new(CanRead, CanWrite, FileFormats.Names, [], EntityProperty: "path");

    /// <inheritdoc />
    public void ValidateProperties(ConnectorRole role, IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        // By first segment, so a nested value where text belongs ({"fileType": {…}}) is reported as that field missing.
        new ConnectorProperties(properties, fieldPath).AllowOnly("path", "fileType");
        ParseFileType(properties, fieldPath);
        ResolveFolder(properties, fieldPath);
    }

    /// <inheritdoc />
    public ValueTask<ConnectorEntityPage> ListEntitiesAsync(
        string? entitiesPath, ConnectorProfileSettings? profile, int maxResults, string? nextToken, CancellationToken cancellationToken) =>
        _entities.ListAsync(entitiesPath, maxResults, nextToken);

    /// <inheritdoc />
    public ValueTask<ImmutableArray<ConnectorEntityField>> DescribeEntityAsync(
        string entityName, ConnectorProfileSettings? profile, CancellationToken cancellationToken) =>
        _entities.DescribeAsync(entityName, cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<RecordBatch> ReadAsync(ConnectorRunContext context, CancellationToken cancellationToken) =>
        ReadAhead.Of(ReadFilesAsync(context, cancellationToken), depth: 2, cancellationToken);

    private async IAsyncEnumerable<RecordBatch> ReadFilesAsync(
        ConnectorRunContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var fileType = ParseFileType(context.Properties, "path");
        using var folder = OpenFolderForRun(context, create: false)
            ?? throw new ConnectorException($"Source folder '{context.Properties["path"]}' does not exist.");
        var files = folder.FileNames()
            .Where(file => FileFormats.IsInputFile(file, fileType))
            .Order(StringComparer.Ordinal)
            .ToList();

        foreach (var file in files)
        {
            await using var stream = Confined(() => folder.OpenRead(file));
            await foreach (var batch in FileFormats.ReadAsync(stream, file, fileType, BatchSize, context.Limits, cancellationToken))
            {
                yield return batch;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<IRecordWriter> OpenWriterAsync(ConnectorRunContext context, CancellationToken cancellationToken)
    {
        var fileType = ParseFileType(context.Properties, "path");
        var fileName = context.ExecutionId + FileFormats.OutputExtension(fileType);
        var folder = OpenFolderForRun(context, create: true)
            ?? throw new ConnectorException($"Destination folder '{context.Properties["path"]}' is a file, not a folder.");
        try
        {
            return ValueTask.FromResult<IRecordWriter>(new FileRecordWriter(Confined(() => new StagedFolderFile(folder, fileName)), fileType));
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    private ConfinedFolder? OpenFolderForRun(ConnectorRunContext context, bool create) =>
        Confined(() => dataRoot.OpenFolder(ResolveFolder(context.Properties, "path"), create));

    // A link out of the root is the run's error, in the words the exception has.
    private static T Confined<T>(Func<T> open)
    {
        try
        {
            return open();
        }
        catch (LinkOutsideRootException exception)
        {
            throw new ConnectorException(exception.Message);
        }
    }

    private string ResolveFolder(IReadOnlyDictionary<string, string> properties, string fieldPath)
    {
        if (!properties.TryGetValue("path", out var path) || string.IsNullOrWhiteSpace(path))
        {
            throw FlowOperationException.Invalid($"{fieldPath}.path", "is required.");
        }

        if (path.Length > 1024)
        {
            throw FlowOperationException.Invalid($"{fieldPath}.path", "must be at most 1024 characters.");
        }

        return dataRoot.TryResolve(path)
            ?? throw FlowOperationException.Invalid($"{fieldPath}.path", "must be a folder inside the data root.");
    }

    private static FileType ParseFileType(IReadOnlyDictionary<string, string> properties, string fieldPath) =>
        FileFormats.FromName(new ConnectorProperties(properties, fieldPath).OneOf("fileType", null, [.. FileFormats.Names]));
}
