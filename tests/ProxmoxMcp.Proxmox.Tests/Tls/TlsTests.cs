using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.Proxmox.Configuration;
using ProxmoxMcp.Proxmox.Errors;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Tls;

/// <summary>
/// The real transport (SocketsHttpHandler built by the factory) against a loopback HTTPS server whose certificate is
/// made here. A refused certificate must never be retried and the message must carry the fingerprint to pin.
/// </summary>
public sealed class TlsTests
{
    private const int HangGuard = 60_000;

    [Fact(Timeout = HangGuard)]
    public async Task PinnedFingerprint_WhenItMatches_IsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        await using var server = new LoopbackTlsServer(certificate);
        using var node = Connect(server, o => o.Fingerprint = CertificateFingerprint.Of(certificate));

        var version = await node.Client.GetVersionAsync(ct);

        Assert.Equal("9.0.3", version.Version);
        Assert.Null(node.Validator.LastFailure);
    }

    [Fact(Timeout = HangGuard)]
    public async Task PinnedFingerprint_InLowerCaseWithoutColons_IsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        await using var server = new LoopbackTlsServer(certificate);
        var bare = CertificateFingerprint.Of(certificate).Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        using var node = Connect(server, o => o.Fingerprint = bare);

        Assert.Equal("9.0.3", (await node.Client.GetVersionAsync(ct)).Version);
    }

    [Fact(Timeout = HangGuard)]
    public async Task PinnedFingerprint_WhenDifferent_IsRefusedOnceAndMessageShowsPresentedFingerprint()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        using var other = TestCertificates.SelfSigned("other.test");
        await using var server = new LoopbackTlsServer(certificate);
        using var node = Connect(server, o => o.Fingerprint = CertificateFingerprint.Of(other));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => node.Client.GetVersionAsync(ct));

        Assert.IsType<AuthenticationException>(e.InnerException);
        Assert.Equal(1, server.Handshakes);
        Assert.Empty(server.RequestHeads);
        var presented = CertificateFingerprint.Of(certificate);
        Assert.Equal(presented, node.Validator.LastFailure?.PresentedFingerprint);
        var message = await node.Translator.DescribeAsync(e, null, ct);
        Assert.Contains($"It presented the SHA-256 fingerprint {presented}", message, StringComparison.Ordinal);
        Assert.Contains($"PROXMOX_FINGERPRINT={presented}", message, StringComparison.Ordinal);
        Assert.Contains("does not match PROXMOX_FINGERPRINT", message, StringComparison.Ordinal);
    }

    [Fact(Timeout = HangGuard)]
    public async Task WrongPin_WithVerifySslFalse_IsStillRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        using var other = TestCertificates.SelfSigned("other.test");
        await using var server = new LoopbackTlsServer(certificate);
        using var node = Connect(server, o => (o.Fingerprint, o.VerifySsl) = (CertificateFingerprint.Of(other), false));

        await Assert.ThrowsAsync<HttpRequestException>(() => node.Client.GetVersionAsync(ct));

        Assert.Empty(server.RequestHeads);
    }

    [Fact(Timeout = HangGuard)]
    public async Task CaFile_WhenCertificateIsSignedByIt_IsAccepted()
    {
        var ct = TestContext.Current.CancellationToken;
        using var ca = TestCertificates.CreateCa();
        using var leaf = TestCertificates.IssuedBy(ca);
        var caFile = TestCertificates.WritePem(ca);
        try
        {
            await using var server = new LoopbackTlsServer(leaf);
            using var node = Connect(server, o => o.CaFile = caFile);

            Assert.Equal("9.0.3", (await node.Client.GetVersionAsync(ct)).Version);
            Assert.Null(node.Validator.LastFailure);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact(Timeout = HangGuard)]
    public async Task CaFile_WhenCertificateIsSignedByAnotherCa_IsRefusedWithFingerprint()
    {
        var ct = TestContext.Current.CancellationToken;
        using var trusted = TestCertificates.CreateCa("Trusted CA");
        using var otherCa = TestCertificates.CreateCa("Other CA");
        using var leaf = TestCertificates.IssuedBy(otherCa);
        var caFile = TestCertificates.WritePem(trusted);
        try
        {
            await using var server = new LoopbackTlsServer(leaf);
            using var node = Connect(server, o => o.CaFile = caFile);

            var e = await Assert.ThrowsAsync<HttpRequestException>(() => node.Client.GetVersionAsync(ct));

            Assert.Empty(server.RequestHeads);
            Assert.Equal(1, server.Handshakes);
            var message = await node.Translator.DescribeAsync(e, null, ct);
            Assert.Contains("not signed by a CA in PROXMOX_CA_FILE", message, StringComparison.Ordinal);
            Assert.Contains(CertificateFingerprint.Of(leaf), message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact(Timeout = HangGuard)]
    public async Task SelfSignedCertificate_WithDefaultVerification_IsRefusedWithFingerprintAndBothRemedies()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        await using var server = new LoopbackTlsServer(certificate);
        using var node = Connect(server, _ => { });

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => node.Client.GetVersionAsync(ct));

        Assert.Empty(server.RequestHeads);
        Assert.Equal(1, server.Handshakes);
        var message = await node.Translator.DescribeAsync(e, null, ct);
        var fingerprint = CertificateFingerprint.Of(certificate);
        Assert.Equal(
            $"The TLS certificate of 127.0.0.1 was refused: it is signed by a CA this machine does not trust (Proxmox nodes use a self-signed cluster CA by default). " +
            $"It presented the SHA-256 fingerprint {fingerprint}. If that matches your node (GUI: node > System > Certificates, or `pvenode cert info` on the node), " +
            $"trust it with PROXMOX_FINGERPRINT={fingerprint}, or set PROXMOX_CA_FILE to a copy of the cluster CA (/etc/pve/pve-root-ca.pem).",
            message);
    }

    [Fact(Timeout = HangGuard)]
    public async Task VerifySslFalse_AcceptsSelfSignedCertificate()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        await using var server = new LoopbackTlsServer(certificate);
        using var node = Connect(server, o => o.VerifySsl = false);

        Assert.Equal("9.0.3", (await node.Client.GetVersionAsync(ct)).Version);
    }

    [Fact(Timeout = HangGuard)]
    public async Task RealTransport_SendsEscapedPathAndExactTokenHeaderOnTheWire()
    {
        var ct = TestContext.Current.CancellationToken;
        using var certificate = TestCertificates.SelfSigned();
        await using var server = new LoopbackTlsServer(certificate, """{"status":"stopped","exitstatus":"OK"}""");
        using var node = Connect(server, o => o.Fingerprint = CertificateFingerprint.Of(certificate));

        var status = await node.Client.GetTaskStatusAsync(QemuStart, ct);

        Assert.Equal("OK", status.ExitStatus);
        var head = Assert.Single(server.RequestHeads);
        var lines = head.Split("\r\n");
        Assert.Equal($"GET /api2/json/nodes/pve1/tasks/{QemuStartUpidEscaped}/status HTTP/1.1", lines[0]);
        Assert.Contains($"Authorization: PVEAPIToken=root@pam!mcp={PveMock.TokenSecret}", lines);
        Assert.Contains($"Host: 127.0.0.1:{server.Port}", lines);
    }

    [Fact]
    public void Validator_WithoutCertificate_Refuses()
    {
        var validator = new ProxmoxCertificateValidator(new ProxmoxOptions { VerifySsl = false });

        Assert.False(validator.Validate("pve.test", null, null, System.Net.Security.SslPolicyErrors.RemoteCertificateNotAvailable));
        Assert.Equal("the server presented no certificate", validator.LastFailure?.Reason);
    }

    [Theory]
    [InlineData("AB:CD")]
    [InlineData("zz")]
    [InlineData("")]
    public void Options_WithMalformedFingerprint_ReportProblem(string fingerprint)
    {
        var options = new ProxmoxOptions { Host = "pve.test", TokenId = "mcp", TokenSecret = "s", Fingerprint = fingerprint };

        Assert.Contains(options.Validate(), p => p.StartsWith("PROXMOX_FINGERPRINT", StringComparison.Ordinal));
    }

    private static Node Connect(LoopbackTlsServer server, Action<ProxmoxOptions> configure)
    {
        var options = new ProxmoxOptions
        {
            Host = "127.0.0.1",
            Port = server.Port,
            TokenId = "mcp",
            TokenSecret = PveMock.TokenSecret,
            AttemptTimeout = TimeSpan.FromSeconds(30),
            TotalTimeout = TimeSpan.FromSeconds(50),
        };
        configure(options);
        var validator = new ProxmoxCertificateValidator(options);
        var http = ProxmoxHttpClientFactory.Create(options, validator, TimeProvider.System);
        return new Node(new ProxmoxClient(new ProxmoxHttp(http)), validator, new ProxmoxErrorTranslator(options, validator), http);
    }

    private sealed record Node(ProxmoxClient Client, ProxmoxCertificateValidator Validator, ProxmoxErrorTranslator Translator, HttpClient Http) : IDisposable
    {
        public void Dispose() => Http.Dispose();
    }
}
