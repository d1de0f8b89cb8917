using Microsoft.Win32.SafeHandles;

namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// An open folder whose real path was checked to lie inside the data root. Everything it reaches is reached
/// through its handle and checked again once open, so a link made or swapped after a check cannot lead out of
/// the root: a child folder or a file to read is opened, links followed, and refused unless its real path is
/// inside the root; a file to write is created without following links at all. <see cref="Name"/> is the folder's
/// path relative to the root, for messages.
/// </summary>
internal sealed class ConfinedFolder(SafeFileHandle handle, string realRoot, string name) : IDisposable
{
    private const int FileMode = 0x1B6; // rw-rw-rw-, less the process umask, as File.Create gives
    private const int FolderMode = 0x1FF; // rwxrwxrwx, less the umask

    /// <summary>The folder's path relative to the data root ("" for the root itself).</summary>
    public string Name { get; } = name;

    /// <summary>Opens the data root itself; a root that does not exist yet is made when <paramref name="create"/>.</summary>
    public static ConfinedFolder OpenRoot(string rootPath, bool create)
    {
        if (create)
        {
            System.IO.Directory.CreateDirectory(rootPath);
        }

        var root = Libc.Open(rootPath, Libc.ReadOnly | Libc.Directory | Libc.CloseOnExec, 0);
        if (root.IsInvalid)
        {
            throw new DirectoryNotFoundException($"The data root cannot be opened: {Libc.Failure("open").Message}");
        }

        return new ConfinedFolder(root, Libc.RealPath(root).TrimEnd('/'), "");
    }

    /// <summary>The names of the files in the folder (links to files included).</summary>
    public IEnumerable<string> FileNames() => new DirectoryInfo(Libc.HandlePath(handle)).EnumerateFiles().Select(file => file.Name);

    /// <summary>The names of the folders in the folder (links to folders included).</summary>
    public IEnumerable<string> FolderNames() => new DirectoryInfo(Libc.HandlePath(handle)).EnumerateDirectories().Select(folder => folder.Name);

    /// <summary>
    /// The child folder <paramref name="child"/>, made first when missing and <paramref name="create"/>; null when
    /// it does not exist or is not a folder. Throws <see cref="LinkOutsideRootException"/> when it leads out of the root.
    /// </summary>
    public ConfinedFolder? OpenFolder(string child, bool create)
    {
        var childName = Join(child);
        if (create && Libc.MakeDirectoryAt(handle, child, FolderMode) != 0 && Libc.LastError != Libc.Exists)
        {
            throw Libc.Failure($"Creating folder '{childName}'");
        }

        var opened = Libc.OpenAt(handle, child, Libc.ReadOnly | Libc.Directory | Libc.CloseOnExec, 0);
        if (opened.IsInvalid)
        {
            return Libc.LastError is Libc.NoSuchEntry or Libc.NotADirectory ? null : throw Libc.Failure($"Opening folder '{childName}'");
        }

        Confine(opened, childName, isFolder: true);
        return new ConfinedFolder(opened, realRoot, childName);
    }

    /// <summary>Opens the file <paramref name="file"/> for reading; throws <see cref="LinkOutsideRootException"/> when it leads out of the root.</summary>
    public FileStream OpenRead(string file)
    {
        // Non-blocking only so that a FIFO put in the folder cannot hold the open forever; regular files ignore it.
        var opened = Libc.OpenAt(handle, file, Libc.ReadOnly | Libc.NonBlocking | Libc.CloseOnExec, 0);
        if (opened.IsInvalid)
        {
            throw Libc.Failure($"Opening file '{Join(file)}'");
        }

        Confine(opened, Join(file), isFolder: false);
        return new FileStream(opened, FileAccess.Read, bufferSize: 64 * 1024);
    }

    /// <summary>
    /// Creates or truncates <paramref name="file"/> for writing, held by one writer at a time (a second gets an
    /// <see cref="IOException"/>). A link at that name is refused, never followed.
    /// </summary>
    public FileStream CreateExclusive(string file)
    {
        var opened = Libc.OpenAt(handle, file, Libc.ReadWrite | Libc.Create | Libc.NoFollow | Libc.CloseOnExec, FileMode);
        if (opened.IsInvalid)
        {
            throw Libc.LastError == Libc.TooManyLinks
                ? new LinkOutsideRootException(Join(file), isFolder: false)
                : Libc.Failure($"Creating file '{Join(file)}'");
        }

        // Locked before it is truncated, so a second writer never empties the first one's file.
        if (Libc.Lock(opened, Libc.ExclusiveLock | Libc.NonBlockingLock) != 0)
        {
            var busy = Libc.LastError == Libc.WouldBlock;
            opened.Dispose();
            throw busy ? new IOException($"File '{Join(file)}' is being written by another writer.") : Libc.Failure($"Locking file '{Join(file)}'");
        }

        var stream = new FileStream(opened, FileAccess.ReadWrite, bufferSize: 64 * 1024);
        stream.SetLength(0);
        return stream;
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> within the folder, replacing what <paramref name="to"/> names (a link itself, never its target).</summary>
    public void Rename(string from, string to)
    {
        if (Libc.RenameAt(handle, from, handle, to) != 0)
        {
            throw Libc.Failure($"Renaming '{Join(from)}'");
        }
    }

    /// <summary>Removes <paramref name="file"/> from the folder when it is there.</summary>
    public void Delete(string file)
    {
        if (Libc.UnlinkAt(handle, file, 0) != 0 && Libc.LastError != Libc.NoSuchEntry)
        {
            throw Libc.Failure($"Removing '{Join(file)}'");
        }
    }

    /// <inheritdoc />
    public void Dispose() => handle.Dispose();

    private string Join(string child) => Name.Length == 0 ? child : $"{Name}/{child}";

    private void Confine(SafeFileHandle opened, string openedName, bool isFolder)
    {
        var real = Libc.RealPath(opened);
        if (real != realRoot && !real.StartsWith(realRoot + "/", StringComparison.Ordinal))
        {
            opened.Dispose();
            throw new LinkOutsideRootException(openedName, isFolder);
        }
    }
}
