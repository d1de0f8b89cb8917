namespace FlowGrains.Host.Hosting;

/// <summary>
/// Mutual TLS between silos (and for gateway clients), bound from <c>Orleans:Tls</c>. Off until a certificate is
/// configured. Every connection must present a certificate whose SHA-256 thumbprint is allowed: the silo's own
/// (all silos sharing one certificate) and any listed in <see cref="AllowedThumbprints"/> (for a rotation, or
/// a client's certificate).
/// </summary>
internal sealed class ClusterTlsOptions
{
    public const string SectionName = "Orleans:Tls";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Further SHA-256 thumbprints (hex) of certificates peers may present.</summary>
    public List<string> AllowedThumbprints { get; set; } = [];
}
