using ProxmoxMcp.Http;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Hosting.Http;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpServeCommandTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("pmcp-serve-").FullName;

    [Fact]
    public void Prepare_NonLoopbackAddressWithoutCertificate_RefusesToStart()
    {
        var settings = Settings(WriteTokens());

        Assert.Null(HttpServeCommand.Prepare(settings, "0.0.0.0:8443"));
        Assert.Null(HttpServeCommand.Prepare(settings, "192.0.2.10:8443"));
    }

    [Fact]
    public void Prepare_LoopbackWithoutCertificate_ServesPlainHttp()
    {
        var prepared = HttpServeCommand.Prepare(Settings(WriteTokens()), "127.0.0.1:8080");

        Assert.NotNull(prepared);
        Assert.Null(prepared.Value.Certificate);
    }

    [Fact]
    public void Prepare_CertificateWithoutKey_RefusesToStart()
    {
        var settings = Settings(WriteTokens()) is var s ? s with { Http = s.Http with { CertificateFile = Path.Combine(directory, "cert.pem") } } : null!;

        Assert.Null(HttpServeCommand.Prepare(settings, "127.0.0.1:8080"));
    }

    [Fact]
    public void Prepare_WithPemCertificateAndKey_LoadsThem()
    {
        using var certificate = TestCertificate.Create();
        var cert = Path.Combine(directory, "cert.pem");
        var key = Path.Combine(directory, "key.pem");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, System.Security.Cryptography.X509Certificates.ECDsaCertificateExtensions.GetECDsaPrivateKey(certificate)!.ExportPkcs8PrivateKeyPem());
        var settings = Settings(WriteTokens()) is var s ? s with { Http = s.Http with { CertificateFile = cert, KeyFile = key } } : null!;

        var prepared = HttpServeCommand.Prepare(settings, "0.0.0.0:8443");

        Assert.NotNull(prepared);
        Assert.Equal(certificate.Thumbprint, prepared.Value.Certificate!.Thumbprint);
    }

    [Fact]
    public void Prepare_TokenFileMissingOrEmpty_RefusesToStart()
    {
        var empty = Path.Combine(directory, "empty");
        File.WriteAllText(empty, "# nothing yet\n");

        Assert.Null(HttpServeCommand.Prepare(Settings(Path.Combine(directory, "missing")), "127.0.0.1:8080"));
        Assert.Null(HttpServeCommand.Prepare(Settings(empty), "127.0.0.1:8080"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string WriteTokens()
    {
        var file = Path.Combine(directory, "tokens");
        File.WriteAllText(file, HttpTokenFile.Format("a", "secret", false, null, null) + "\n");
        return file;
    }

    private static ServerSettings Settings(string tokenFile) =>
        new() { Proxmox = new ProxmoxOptions(), Simulate = true, Http = new HttpSettings { TokenFile = tokenFile } };
}
