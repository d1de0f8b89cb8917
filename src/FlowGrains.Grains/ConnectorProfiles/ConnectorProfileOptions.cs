namespace FlowGrains.Grains.ConnectorProfiles;

/// <summary>Settings of connector profiles, bound from <c>FlowGrains:ConnectorProfiles</c>.</summary>
public sealed class ConnectorProfileOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "FlowGrains:ConnectorProfiles";

    /// <summary>
    /// The AES-256 key (base64 of 32 bytes) that encrypts profile credentials at rest; every silo of a
    /// cluster must share it. When it is not set, a key is made for this process only, which suits the
    /// in-memory profile and nothing that stores profiles durably. Never logged.
    /// </summary>
    public string? EncryptionKey { get; set; }
}
