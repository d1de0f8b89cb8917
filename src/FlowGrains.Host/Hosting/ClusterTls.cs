using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;

namespace FlowGrains.Host.Hosting;

/// <summary>
/// Silo-to-silo and gateway connections over mutual TLS when <c>Orleans:Tls:CertificatePath</c> is set. Peers are
/// pinned by certificate thumbprint rather than by a chain, so one self-signed certificate shared by the cluster's
/// silos is enough, and a certificate from anywhere else is refused.
/// </summary>
internal static class ClusterTls
{
    public static void UseClusterTls(this ISiloBuilder silo, IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterTlsOptions.SectionName).Get<ClusterTlsOptions>() ?? new ClusterTlsOptions();
        if (string.IsNullOrEmpty(options.CertificatePath))
        {
            return;
        }

        var certificate = Load(options);
        var allowed = Allowed(certificate, options.AllowedThumbprints);
        silo.UseTls(certificate, tls =>
        {
            tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = (remote, _, _) => IsAllowed(remote, allowed);
            tls.OnAuthenticateAsClient = (_, client) => client.TargetHost = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        });
    }

    /// <summary>Whether <paramref name="remote"/> is one of the pinned certificates.</summary>
    public static bool IsAllowed(X509Certificate2? remote, IReadOnlySet<string> allowed) =>
        remote is not null && allowed.Contains(remote.GetCertHashString(HashAlgorithmName.SHA256));

    /// <summary>The thumbprints peers may present: the silo's own and the configured ones, upper-case hex.</summary>
    public static IReadOnlySet<string> Allowed(X509Certificate2 own, IEnumerable<string> configured) =>
        new HashSet<string>(
            configured.Select(thumbprint => thumbprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant())
                .Append(own.GetCertHashString(HashAlgorithmName.SHA256)),
            StringComparer.Ordinal);

    private static X509Certificate2 Load(ClusterTlsOptions options)
    {
        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
            return certificate.HasPrivateKey
                ? certificate
                : throw new InvalidOperationException($"{ClusterTlsOptions.SectionName}:CertificatePath '{options.CertificatePath}' has no private key.");
        }
        catch (CryptographicException exception)
        {
            throw new InvalidOperationException(
                $"{ClusterTlsOptions.SectionName}:CertificatePath '{options.CertificatePath}' could not be read as a PKCS#12 file with {ClusterTlsOptions.SectionName}:CertificatePassword: {exception.Message}");
        }
    }
}
