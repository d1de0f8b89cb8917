using System.Collections.Immutable;
using FlowGrains.Connectors;
using FlowGrains.Connectors.Files;
using FlowGrains.Errors;

namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// LocalFolder's entities: the folders under the data root, named by their path relative to it (<c>orders/in</c>),
/// each with nested folders possible. A folder's fields are those of its first data file in name order
/// (see <see cref="FileFields"/>); a folder without one has none. Paths outside the root, through ".." or a
/// symbolic link in any of their folders, are refused, and links that lead out of it are not listed; folders and
/// files are reached through checked folder handles (see <see cref="ConfinedFolder"/>).
/// </summary>
internal sealed class LocalFolderEntities(DataRoot dataRoot)
{
    public ValueTask<ConnectorEntityPage> ListAsync(string? entitiesPath, int maxResults, string? after)
    {
        var (path, folder) = ExistingFolder(entitiesPath ?? string.Empty, "entitiesPath");
        using (folder)
        {
            var entities = folder.FolderNames()
                .Where(child => LeadsInside(folder, child))
                .Select(child => new ConnectorEntity(RelativeName(Path.Combine(path, child)), child, HasNestedEntities: true))
                .ToList();
            return ValueTask.FromResult(EntityPaging.Page(entities, maxResults, after));
        }
    }

    public async ValueTask<ImmutableArray<ConnectorEntityField>> DescribeAsync(string entityName, CancellationToken cancellationToken)
    {
        var (path, folder) = ExistingFolder(entityName, "connectorEntityName");
        using (folder)
        {
            var first = folder.FileNames()
                .Where(file => FileFormats.TypeOfFile(file) is not null)
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
            if (first is null)
            {
                return [];
            }

            FileStream stream;
            try
            {
                stream = folder.OpenRead(first);
            }
            catch (LinkOutsideRootException exception)
            {
                throw FlowOperationException.Invalid("connectorEntityName", $"must be a folder inside the data root: {exception.Message}");
            }

            await using (stream)
            {
                return await FileFields.ReadAsync(stream, $"{RelativeName(path)}/{first}", FileFormats.TypeOfFile(first)!.Value, cancellationToken);
            }
        }
    }

    private static bool LeadsInside(ConfinedFolder folder, string child)
    {
        try
        {
            using var opened = folder.OpenFolder(child, create: false);
            return opened is not null;
        }
        catch (LinkOutsideRootException)
        {
            return false;
        }
    }

    private (string Path, ConfinedFolder Folder) ExistingFolder(string relativePath, string field)
    {
        var invalid = FlowOperationException.Invalid(field, "must be a folder inside the data root.");
        var path = dataRoot.TryResolve(relativePath) ?? throw invalid;
        ConfinedFolder? folder;
        try
        {
            folder = dataRoot.OpenFolder(path, create: false);
        }
        catch (LinkOutsideRootException)
        {
            throw invalid;
        }

        return folder is null
            ? throw new FlowOperationException(FlowErrorCode.NotFound, $"Folder '{relativePath}' does not exist under the data root.")
            : (path, folder);
    }

    // Names are built from the resolved path, so "a/../b" and "b/" list the same entities under the same names.
    private string RelativeName(string fullPath)
    {
        var relative = Path.GetRelativePath(dataRoot.FullPath, fullPath).Replace(Path.DirectorySeparatorChar, '/');
        return relative == "." ? string.Empty : relative;
    }
}
