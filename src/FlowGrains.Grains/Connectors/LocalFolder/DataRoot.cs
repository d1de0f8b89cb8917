using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>
/// The folder LocalFolder connectors are confined to. Flow paths are relative to it, and a path that
/// resolves outside it (via "..", an absolute path or a symbolic link) is refused.
/// </summary>
public sealed class DataRoot
{
    /// <summary>Resolves the configured data root to an absolute path.</summary>
    public DataRoot(IOptions<FlowGrainsOptions> options)
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
    /// Whether <paramref name="fullPath"/> still lies inside the root once a symbolic link at that
    /// path is followed; checked at run time, because links can change after a flow is created.
    /// </summary>
    public bool IsInsideAfterLinks(string fullPath)
    {
        var info = new DirectoryInfo(fullPath);
        var target = info.Exists ? info.ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null || IsInside(Path.TrimEndingDirectorySeparator(target.FullName));
    }

    private bool IsInside(string fullPath) =>
        fullPath.Equals(FullPath, StringComparison.Ordinal)
        || fullPath.StartsWith(FullPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
