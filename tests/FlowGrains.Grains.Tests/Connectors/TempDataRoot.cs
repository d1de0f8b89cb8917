using FlowGrains.Connectors.LocalFolder;
using FlowGrains.Grains.Hosting;
using Microsoft.Extensions.Options;

namespace FlowGrains.Grains.Tests.Connectors;

/// <summary>A data root in a fresh temporary folder, with room beside it for what lies outside; deleted on dispose.</summary>
public sealed class TempDataRoot : IDisposable
{
    /// <summary>A data root named "root" in a new folder whose name starts with <paramref name="prefix"/>.</summary>
    public TempDataRoot(string prefix)
    {
        Parent = Directory.CreateTempSubdirectory(prefix).FullName;
        Root = Directory.CreateDirectory(Path.Combine(Parent, "root")).FullName;
        Connector = new LocalFolderConnector(new DataRoot(Options.Create(new FlowGrainsOptions { DataRoot = Root })));
    }

    /// <summary>The folder that holds the root.</summary>
    public string Parent { get; }

    /// <summary>The data root.</summary>
    public string Root { get; }

    /// <summary>A connector confined to the root.</summary>
    public LocalFolderConnector Connector { get; }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(Parent, recursive: true);
}
