using Microsoft.Extensions.Options;

namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// The folder LocalFolder connectors are confined to. Flow paths are relative to it: a path that leads outside
/// it through "..", or an absolute path, is refused when the flow is saved, and one whose folders or files lead
/// outside it through a symbolic link is refused when it is opened (see <see cref="ConfinedFolder"/>).
/// </summary>
public sealed class DataRoot
{
    /// <summary>Resolves the configured data root to an absolute path.</summary>
    public DataRoot(IOptions<IDataRootOptions> options)
    {
        FullPath = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Value.DataRoot));
    }

    /// <summary>The absolute path of the root.</summary>
    public string FullPath { get; }

    /// <summary>The absolute path of <paramref name="relativePath"/>, or null when it is outside the root.</summary>
    public string? TryResolve(string relativePath)
    {
        if (relativePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return null;
        }

        var combined = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(FullPath, relativePath)));
        return IsInside(combined) ? combined : null;
    }

    /// <summary>
    /// Opens the folder at <paramref name="fullPath"/> (from <see cref="TryResolve"/>) one component at a time from
    /// the root, each checked once open to lie inside the root with its links resolved; missing folders are made
    /// when <paramref name="create"/>. Null when a folder on the way does not exist; a
    /// <see cref="LinkOutsideRootException"/> naming the first folder that leads out of the root.
    /// </summary>
    internal ConfinedFolder? OpenFolder(string fullPath, bool create)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("LocalFolder confines its paths with Linux directory handles; it runs on Linux only.");
        }

        if (!create && !Directory.Exists(FullPath))
        {
            return null;
        }

        var folder = ConfinedFolder.OpenRoot(FullPath, create);
        var relative = Path.GetRelativePath(FullPath, fullPath);
        foreach (var component in relative == "." ? [] : relative.Split(Path.DirectorySeparatorChar))
        {
            using var parent = folder;
            folder = parent.OpenFolder(component, create);
            if (folder is null)
            {
                return null;
            }
        }

        return folder;
    }

    private bool IsInside(string fullPath) =>
        fullPath.Equals(FullPath, StringComparison.Ordinal)
        || fullPath.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
