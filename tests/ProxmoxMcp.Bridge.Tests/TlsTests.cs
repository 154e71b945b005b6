using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Tests.Infrastructure;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>
/// Mutual TLS against socat OPENSSL-LISTEN with verify=1 in front of the Native AOT server, as the service runs it.
/// Every refusal must say what was wrong.
/// </summary>
public sealed class TlsTests : IAsyncLifetime
{
    private TestCertificates certificates = null!;
    private SocatListener socat = null!;

    public async ValueTask InitializeAsync()
    {
        certificates = TestCertificates.Create();
        var server = await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken);
        socat = await SocatListener.StartAsync($"{server} --simulate", listenAddress: certificates.SocatListenAddress(), cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await socat.DisposeAsync();
        certificates.Dispose();
    }

    private BridgeSettings Settings(TlsSettings tls) => InProcessBridge.Settings(socat.Port) with { Tls = tls, MaxRetries = 1 };

    private TlsSettings Trusting(string? clientCertificate = null, string? key = null, string? password = null) => new()
    {
        ServerName = "127.0.0.1",
        CaFile = certificates.CaPem,
        ClientCertificateFile = clientCertificate,
        ClientKeyFile = key,
        ClientCertificatePassword = password,
    };

    private static async Task AssertInitializeWorks(BridgeSettings settings)
    {
        await using var bridge = InProcessBridge.Start(settings);
        var reply = await bridge.InitializeAsync(1);
        Assert.True(reply["result"]?["serverInfo"] is not null, $"{reply.ToJsonString()}\n{bridge.Log.Text}");
        await bridge.SendAsync(Json.Request(2, "tools/list"));
        Assert.NotNull((await bridge.ReadAsync())["result"]?["tools"]);
    }

    /// <summary>Runs initialize against a refusing server: the client gets an error reply and the bridge gives up with code 3.</summary>
    private static async Task<(string ErrorMessage, string Log)> InitializeRefused(BridgeSettings settings)
    {
        await using var bridge = InProcessBridge.Start(settings);
        await bridge.SendAsync(Json.Initialize(1));
        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(1) && reply["error"] is not null, reply.ToJsonString());
        Assert.Equal(3, await bridge.WaitForExitAsync());
        return (reply.ErrorMessage()!, bridge.Log.Text);
    }

    [Fact]
    public async Task Tls_WithPfxClientCertificateFromTheTrustedCa_CarriesTheSession() =>
        await AssertInitializeWorks(Settings(Trusting(certificates.ClientPfx, password: TestCertificates.PfxPassword)));

    [Fact]
    public async Task Tls_WithPemClientCertificateAndSeparateKey_CarriesTheSession() =>
        await AssertInitializeWorks(Settings(Trusting(certificates.ClientPem, certificates.ClientKey)));

    [Fact]
    public async Task Tls_WithRightPinnedFingerprintAndNoCa_CarriesTheSession() =>
        await AssertInitializeWorks(Settings(new TlsSettings
        {
            ServerName = "127.0.0.1",
            ServerFingerprint = certificates.ServerFingerprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant(),
            ClientCertificateFile = certificates.ClientPfx,
            ClientCertificatePassword = TestCertificates.PfxPassword,
        }));

    [Fact]
    public async Task Tls_WithClientCertificateFromAnotherCa_SaysTheServerRejectedIt()
    {
        var (error, log) = await InitializeRefused(Settings(Trusting(certificates.OtherClientPfx, password: TestCertificates.PfxPassword)));
        Assert.Contains("rejected our client certificate", error, StringComparison.Ordinal);
        Assert.Contains("rejected our client certificate", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_WithoutClientCertificate_SaysTheServerRequiresOne()
    {
        var (error, _) = await InitializeRefused(Settings(Trusting()));
        Assert.Contains("requires a client certificate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_WithWrongPinnedFingerprint_RefusesAndNamesThePresentedFingerprint()
    {
        var tls = Trusting(certificates.ClientPfx, password: TestCertificates.PfxPassword) with
        {
            CaFile = null,
            ServerFingerprint = new string('A', 64),
        };
        var (error, log) = await InitializeRefused(Settings(tls));
        Assert.Contains("fingerprint mismatch", error, StringComparison.Ordinal);
        Assert.Contains($"server presented {certificates.ServerFingerprint}", error, StringComparison.Ordinal);
        Assert.Contains(certificates.ServerFingerprint, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_WithServerCertificateFromAnUntrustedCa_RefusesAsNotTrusted()
    {
        var tls = Trusting(certificates.ClientPfx, password: TestCertificates.PfxPassword) with { CaFile = certificates.OtherCaPem };
        var (error, _) = await InitializeRefused(Settings(tls));
        Assert.Contains("server certificate is not trusted", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tls_WithWrongServerName_RefusesWithNameMismatch()
    {
        var tls = Trusting(certificates.ClientPfx, password: TestCertificates.PfxPassword) with { ServerName = "pve-mcp.example" };
        var (error, _) = await InitializeRefused(Settings(tls));
        Assert.Contains("name mismatch: expected 'pve-mcp.example'", error, StringComparison.Ordinal);
        Assert.Contains("'127.0.0.1'", error, StringComparison.Ordinal);
    }
}
