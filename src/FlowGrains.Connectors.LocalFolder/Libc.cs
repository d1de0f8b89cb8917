using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// The Linux calls that work relative to an open directory handle, which .NET's path-based file API cannot:
/// they let LocalFolder check a folder once and then reach only what is inside that very folder.
/// </summary>
internal static partial class Libc
{
    public const int ReadOnly = 0;
    public const int ReadWrite = 2;
    public const int Create = 0x40;
    public const int NonBlocking = 0x800;
    public const int CloseOnExec = 0x80000;
    public const int ExclusiveLock = 2;
    public const int NonBlockingLock = 4;
    public const int NoSuchEntry = 2;
    public const int Exists = 17;
    public const int NotADirectory = 20;
    public const int TooManyLinks = 40;
    public const int WouldBlock = 11;

    // These two differ between architectures: ARM's values are its own.
    private static readonly bool Arm = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm;

    public static int Directory => Arm ? 0x4000 : 0x10000;

    public static int NoFollow => Arm ? 0x8000 : 0x20000;

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeFileHandle Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial SafeFileHandle OpenAt(SafeFileHandle directory, string name, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int MakeDirectoryAt(SafeFileHandle directory, string name, int mode);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int RenameAt(SafeFileHandle fromDirectory, string from, SafeFileHandle toDirectory, string to);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int UnlinkAt(SafeFileHandle directory, string name, int flags);

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    public static partial int Lock(SafeFileHandle file, int operation);

    /// <summary>The path the kernel holds for an open handle, every link already resolved.</summary>
    public static string RealPath(SafeFileHandle handle) =>
        new FileInfo($"/proc/self/fd/{handle.DangerousGetHandle()}").LinkTarget ?? "";

    /// <summary>The path to reach an open directory by its handle, for listing it.</summary>
    public static string HandlePath(SafeFileHandle handle) => $"/proc/self/fd/{handle.DangerousGetHandle()}";

    /// <summary>The errno of the last call.</summary>
    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>The error of the last call, as an exception saying what failed.</summary>
    public static IOException Failure(string what)
    {
        var error = Marshal.GetLastPInvokeError();
        return new IOException($"{what} failed: {Marshal.GetPInvokeErrorMessage(error)}.", error);
    }
}
