using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FlowGrains.Host.Tests.Infrastructure;
using FlowGrains.Integration.Tests.Infrastructure;

namespace FlowGrains.Integration.Tests.Security;

/// <summary>
/// Mutual TLS between silos: two hosts sharing one certificate form a cluster and serve each other's flows; on the
/// silo port, a peer without a certificate or with another certificate is refused at the handshake.
/// </summary>
[Collection(ProcessClusterCollection.Name)]
public sealed class ClusterTlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("flowgrains-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task SilosSharingACertificate_FormACluster_AndRefuseAnyOtherPeer()
    {
        using var clusterCertificate = SelfSigned("flowgrains-cluster");
        using var strangerCertificate = SelfSigned("stranger");
        var path = Path.Combine(_folder, "cluster.pfx");
        await File.WriteAllBytesAsync(path, clusterCertificate.Export(X509ContentType.Pkcs12, "pfx-password"));

        await using var cluster = await HostCluster.StartAsync(2, environment: new Dictionary<string, string>
        {
            ["Orleans__Tls__CertificatePath"] = path,
            ["Orleans__Tls__CertificatePassword"] = "pfx-password",
        });
        var (first, second) = (cluster.Hosts[0], cluster.Hosts[1]);

        // Flows created through one host and described through the other: grain calls cross between the silos.
        var names = Enumerable.Range(0, 8).Select(i => Api.NewName($"tls{i}")).ToArray();
        foreach (var name in names)
        {
            var (created, _) = await first.Client.PostAsync("/create-flow", Api.LocalFolderFlow(name, "in", "out"));
            Assert.Equal(HttpStatusCode.OK, created);
        }

        foreach (var name in names)
        {
            var (described, _) = await second.Client.PostAsync("/describe-flow", new { flowName = name });
            Assert.Equal(HttpStatusCode.OK, described);
        }

        Assert.True(await HandshakeAsync(first.SiloPort, clusterCertificate), "the cluster's own certificate is accepted");
        Assert.False(await HandshakeAsync(first.SiloPort, strangerCertificate), "another certificate is refused");
        Assert.False(await HandshakeAsync(first.SiloPort, clientCertificate: null), "a peer without a certificate is refused");
    }

    // Whether a TLS handshake with the silo port, presenting this client certificate, completes and is kept by the silo.
    private static async Task<bool> HandshakeAsync(int port, X509Certificate2? clientCertificate)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "flowgrains-cluster",
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }).WaitAsync(TimeSpan.FromSeconds(10));

            // Under TLS 1.3 the server judges the client's certificate after the handshake: a refused peer's next read ends.
            var buffer = new byte[1];
            var read = await tls.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return read > 0;
        }
        catch (TimeoutException)
        {
            // Still connected and waiting for a real Orleans handshake: the silo kept the connection.
            return true;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException)
        {
            return false;
        }
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
