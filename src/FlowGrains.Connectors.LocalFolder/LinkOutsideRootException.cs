namespace FlowGrains.Connectors.LocalFolder;

/// <summary>A folder or file whose real path, once links are resolved, lies outside the data root.</summary>
internal sealed class LinkOutsideRootException(string name, bool isFolder)
    : Exception($"{(isFolder ? "Folder" : "File")} '{name}' links outside the data root.");
