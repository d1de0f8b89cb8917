using System.Collections.Immutable;
using FlowGrains.Contracts.Connectors;
using FlowGrains.Contracts.Errors;
using FlowGrains.Grains.Connectors.Files;

namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>
/// LocalFolder's entities: the folders under the data root, named by their path relative to it (<c>orders/in</c>),
/// each with nested folders possible. A folder's fields are those of its first data file in name order
/// (see <see cref="FileFields"/>); a folder without one has none. Paths outside the root, through ".." or a
/// symbolic link, are refused, and links that lead out of it are not listed.
/// </summary>
internal sealed class LocalFolderEntities(DataRoot dataRoot)
{
    public ValueTask<ConnectorEntityPage> ListAsync(string? entitiesPath, int maxResults, string? after)
    {
        var folder = ExistingFolder(entitiesPath ?? string.Empty, "entitiesPath");
        var entities = Directory.EnumerateDirectories(folder)
            .Where(dataRoot.IsInsideAfterLinks)
            .Select(child => new ConnectorEntity(RelativeName(child), Path.GetFileName(child), HasNestedEntities: true));
        return ValueTask.FromResult(EntityPaging.Page(entities, maxResults, after));
    }

    public async ValueTask<ImmutableArray<ConnectorEntityField>> DescribeAsync(string entityName, CancellationToken cancellationToken)
    {
        var folder = ExistingFolder(entityName, "connectorEntityName");
        var first = Directory.EnumerateFiles(folder)
            .Where(file => FileFormats.TypeOfFile(file) is not null)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();
        if (first is null)
        {
            return [];
        }

        await using var stream = new FileStream(first, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 64 * 1024, useAsync: true);
        return await FileFields.ReadAsync(stream, $"{RelativeName(folder)}/{Path.GetFileName(first)}", FileFormats.TypeOfFile(first)!.Value, cancellationToken);
    }

    private string ExistingFolder(string relativePath, string field)
    {
        var folder = dataRoot.TryResolve(relativePath);
        if (folder is null || !dataRoot.IsInsideAfterLinks(folder))
        {
            throw FlowOperationException.Invalid(field, "must be a folder inside the data root.");
        }

        return Directory.Exists(folder)
            ? folder
            : throw new FlowOperationException(FlowErrorCode.NotFound, $"Folder '{relativePath}' does not exist under the data root.");
    }

    // Names are built from the resolved path, so "a/../b" and "b/" list the same entities under the same names.
    private string RelativeName(string fullPath)
    {
        var relative = Path.GetRelativePath(dataRoot.FullPath, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? string.Empty : relative;
    }
}
