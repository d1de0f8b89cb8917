namespace FlowGrains.Grains.Connectors.LocalFolder;

/// <summary>The file formats a LocalFolder reads and writes.</summary>
internal enum LocalFileType
{
    /// <summary>Comma-separated values with a header row.</summary>
    Csv,
    /// <summary>JSON lines: one JSON object per line.</summary>
    Json,
}
