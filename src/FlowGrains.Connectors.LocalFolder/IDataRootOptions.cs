namespace FlowGrains.Connectors.LocalFolder;

/// <summary>
/// Where the data root is configured. The silo's own options (<c>FlowGrains:DataRoot</c>) implement it, so the
/// setting keeps its key while this connector knows nothing of the grains.
/// </summary>
public interface IDataRootOptions
{
    /// <summary>The folder LocalFolder flows are confined to, absolute or relative to the working directory.</summary>
    string DataRoot { get; }
}
