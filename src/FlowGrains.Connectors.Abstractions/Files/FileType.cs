namespace FlowGrains.Connectors.Files;

/// <summary>The file formats file-based connectors (LocalFolder, S3) read and write.</summary>
public enum FileType
{
    /// <summary>Comma-separated values with a header row (<c>CSV</c>).</summary>
    Csv,
    /// <summary>JSON lines: one JSON object per line (<c>JSON</c>).</summary>
    Json,
    /// <summary>Apache Parquet with flat columns (<c>PARQUET</c>).</summary>
    Parquet,
}
