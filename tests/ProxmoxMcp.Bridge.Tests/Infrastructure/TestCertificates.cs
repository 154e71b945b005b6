using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>
/// A throw-away PKI in a temp folder: a CA, a server certificate for localhost/127.0.0.1, a client certificate
/// (PFX with a password, and PEM cert + key), and a second CA with its own server and client certificates.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    public const string PfxPassword = "test-pfx-password";

    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaPem => Path.Combine(Directory, "ca.pem");

    public string ServerPem => Path.Combine(Directory, "server.pem");

    public string ServerKey => Path.Combine(Directory, "server.key");

    public string ClientPfx => Path.Combine(Directory, "client.pfx");

    public string ClientPem => Path.Combine(Directory, "client.pem");

    public string ClientKey => Path.Combine(Directory, "client.key");

    public string OtherCaPem => Path.Combine(Directory, "other-ca.pem");

    public string OtherClientPfx => Path.Combine(Directory, "other-client.pfx");

    /// <summary>SHA-256 of the server certificate as "AB:CD:...".</summary>
    public required string ServerFingerprint { get; init; }

    public static TestCertificates Create()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("bridge-tls-").FullName;
        using var ca = CreateCa("CN=Bridge Test CA");
        using var otherCa = CreateCa("CN=Some Other CA");
        using var server = Issue(ca, "CN=mcp-server", serverAuth: true);
        using var client = Issue(ca, "CN=claude-desktop", serverAuth: false);
        using var otherClient = Issue(otherCa, "CN=intruder", serverAuth: false);

        File.WriteAllText(Path.Combine(directory, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "other-ca.pem"), otherCa.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.pem"), server.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "server.key"), server.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "client.pem"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "client.key"), client.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        File.WriteAllBytes(Path.Combine(directory, "client.pfx"), client.Export(X509ContentType.Pfx, PfxPassword));
        File.WriteAllBytes(Path.Combine(directory, "other-client.pfx"), otherClient.Export(X509ContentType.Pfx, PfxPassword));
        var fingerprint = Convert.ToHexString(server.GetCertHash(HashAlgorithmName.SHA256));
        return new TestCertificates(directory)
        {
            ServerFingerprint = string.Join(':', Enumerable.Range(0, 32).Select(i => fingerprint.Substring(i * 2, 2))),
        };
    }

    /// <summary>socat's TLS listen address as the service's unit file has it: client certificates required.</summary>
    public string SocatListenAddress() =>
        $"OPENSSL-LISTEN:{{port}},bind=127.0.0.1,reuseaddr,fork,cert={ServerPem},key={ServerKey},cafile={CaPem},verify=1";

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static X509Certificate2 CreateCa(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    private static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool serverAuth)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(serverAuth ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        if (serverAuth)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7f;
        using var issued = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), serial);
        return issued.CopyWithPrivateKey(key);
    }
}
