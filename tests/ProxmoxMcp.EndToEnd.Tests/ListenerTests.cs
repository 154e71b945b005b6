using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>Two staged installs (mutual TLS and plaintext) serving the simulated cluster, shared by the listener tests.</summary>
public sealed class ListenerInstalls : IAsyncLifetime
{
    public StagedInstall Tls { get; private set; } = null!;

    public StagedInstall Plain { get; private set; } = null!;

    public X509Certificate2 ClientCertificate { get; private set; } = null!;

    public string ClientPem => Path.Combine(Tls.ClientDir(), "claude-desktop.pem");

    public string ClientKey => Path.Combine(Tls.ClientDir(), "claude-desktop.key");

    public string CaPem => Path.Combine(Tls.ClientDir(), "ca.pem");

    public string TlsServerBinary => Tls.PathOf(StagedInstall.BinaryTarget);

    public string PlainServerBinary => Plain.PathOf(StagedInstall.BinaryTarget);

    public async ValueTask InitializeAsync()
    {
        string[] common = ["--simulate", "--bind", "127.0.0.1", "--san", "127.0.0.1", "--san", "localhost", "--max-children", "24"];
        var (tls, tlsResult) = await StagedInstall.RunAsync(common);
        Assert.True(tlsResult.ExitCode == 0, tlsResult.ToString());
        Tls = tls;
        var (plain, plainResult) = await StagedInstall.RunAsync([.. common, "--plaintext"]);
        Assert.True(plainResult.ExitCode == 0, plainResult.ToString());
        Plain = plain;
        var password = File.ReadAllText(Path.Combine(Tls.ClientDir(), "pfx-password.txt")).Trim();
        ClientCertificate = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(Tls.ClientDir(), "claude-desktop.pfx"), password);
    }

    public ValueTask DisposeAsync()
    {
        ClientCertificate.Dispose();
        Tls.Dispose();
        Plain.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The unit's own socat command line (port and staged paths substituted) in front of the staged Native AOT server:
/// MCP works through it, strangers get nothing, and no server process outlives its connection.
/// </summary>
public sealed class ListenerTests(ListenerInstalls installs) : IClassFixture<ListenerInstalls>
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Plaintext_OfficialSdkClientCheckPasses()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Plain, FreePort.Next());
        var result = await ClientCheck.RunAsync(socat.Port);
        await socat.AssertNoServerLeftAsync(installs.PlainServerBinary, ExitBound);
        ClientCheck.AssertPassed(result);
    }

    [Fact]
    public async Task MutualTls_OfficialSdkClientCheckPassesThroughATlsTerminatingClient()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        var local = FreePort.Next();
        await using var terminator = await SocatProcess.StartAsync(
            ["socat", $"TCP-LISTEN:{local},bind=127.0.0.1,reuseaddr,fork",
             $"OPENSSL:127.0.0.1:{socat.Port},cert={installs.ClientPem},key={installs.ClientKey},cafile={installs.CaPem}"],
            local);
        var result = await ClientCheck.RunAsync(local);
        await socat.AssertNoServerLeftAsync(installs.TlsServerBinary, ExitBound);
        ClientCheck.AssertPassed(result);
    }

    [Fact]
    public async Task MutualTls_DotNetClientWithTheBundleCertificate_GetsAnMcpSession()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        await using (var connection = await McpConnection.OpenTlsAsync(socat.Port, installs.CaPem, installs.ClientCertificate, Token))
        {
            Assert.True(await connection.HandshakeAsync(Token) > 0);
            Assert.Equal(SslProtocols.Tls13, ((SslStream)connection.Stream).SslProtocol);
        }

        await socat.AssertNoServerLeftAsync(installs.TlsServerBinary, ExitBound);
    }

    [Fact]
    public async Task MutualTls_ClientWithoutCertificate_IsRefusedAndGetsNoMcpByte()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        var received = await RefusedTlsAttemptAsync(socat.Port, clientCertificate: null);
        Assert.DoesNotContain("jsonrpc", Encoding.UTF8.GetString(received), StringComparison.Ordinal);
        await socat.AssertNoServerLeftAsync(installs.TlsServerBinary, ExitBound);
        await socat.AssertLoggedAsync("peer did not return a certificate", ExitBound);
    }

    [Fact]
    public async Task MutualTls_ClientWithACertificateFromAnotherCa_IsRefusedAndGetsNoMcpByte()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        using var foreignCa = TestPki.CreateCa("someone else's CA");
        using var foreign = TestPki.CreateLeaf("claude-desktop", foreignCa, server: false);
        var received = await RefusedTlsAttemptAsync(socat.Port, foreign);
        Assert.DoesNotContain("jsonrpc", Encoding.UTF8.GetString(received), StringComparison.Ordinal);
        await socat.AssertNoServerLeftAsync(installs.TlsServerBinary, ExitBound);
        await socat.AssertLoggedAsync("certificate verify failed", ExitBound);
    }

    [Fact]
    public async Task MutualTls_PlainTcpClient_GetsNoMcpByte()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        await using (var connection = await McpConnection.OpenAsync(socat.Port, Token))
        {
            await connection.SendAsync(McpConnection.Initialize, Token);
            var received = await McpConnection.DrainAsync(connection.Stream, TimeSpan.FromSeconds(5), Token);
            Assert.DoesNotContain("jsonrpc", Encoding.UTF8.GetString(received), StringComparison.Ordinal);
            Assert.DoesNotContain((byte)'{', received);
        }

        await socat.AssertNoServerLeftAsync(installs.TlsServerBinary, ExitBound);
    }

    [Fact]
    public async Task MutualTls_Tls11_IsRefused()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        var result = await ProcessRunner.RunAsync(
            "openssl",
            ["s_client", "-connect", $"127.0.0.1:{socat.Port}", "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0",
             "-cert", installs.ClientPem, "-key", installs.ClientKey, "-CAfile", installs.CaPem],
            TimeSpan.FromSeconds(20), standardInput: "", cancellationToken: Token);
        Assert.NotEqual(0, result.ExitCode);
        await socat.AssertLoggedAsync("unsupported protocol", ExitBound);
        await socat.AssertNoServerLeftAsync(installs.TlsServerBinary, ExitBound);
    }

    [Fact]
    public async Task MutualTls_TwentyParallelSessions_AllWork_AndNoServerOutlivesThem()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Tls, FreePort.Next());
        await RunParallelSessionsAsync(20, () => McpConnection.OpenTlsAsync(socat.Port, installs.CaPem, installs.ClientCertificate, Token), socat, installs.TlsServerBinary);
    }

    [Fact]
    public async Task Plaintext_TwentyParallelSessions_AllWork_AndNoServerOutlivesThem()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Plain, FreePort.Next());
        await RunParallelSessionsAsync(20, () => McpConnection.OpenAsync(socat.Port, Token), socat, installs.PlainServerBinary);
    }

    [Fact]
    public async Task ClosingTheConnection_EndsItsServerProcess()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Plain, FreePort.Next());
        await using (var connection = await McpConnection.OpenAsync(socat.Port, Token))
        {
            await connection.HandshakeAsync(Token);
            Assert.Single(SocatProcess.ProcessesRunning(installs.PlainServerBinary));
        }

        await socat.AssertNoServerLeftAsync(installs.PlainServerBinary, ExitBound);
    }

    [Fact]
    public async Task ServerStderr_GoesToSocatsStderrNeverIntoTheSocket()
    {
        await using var socat = await SocatProcess.StartUnitAsync(installs.Plain, FreePort.Next(),
            new Dictionary<string, string?> { ["PROXMOX_MCP_LOG_LEVEL"] = "trace" });
        await using (var connection = await McpConnection.OpenAsync(socat.Port, Token))
        {
            await connection.SendAsync(McpConnection.Initialize, Token);
            var first = await connection.ReadLineAsync(TimeSpan.FromSeconds(20), Token);
            Assert.StartsWith("{", first, StringComparison.Ordinal);
            Assert.Contains("\"id\":1", first, StringComparison.Ordinal);
            await connection.SendAsync(McpConnection.Initialized, Token);
            await connection.SendAsync(McpConnection.ListTools, Token);
            var second = await connection.ReadLineAsync(TimeSpan.FromSeconds(20), Token);
            Assert.StartsWith("{", second, StringComparison.Ordinal);
        }

        await socat.AssertNoServerLeftAsync(installs.PlainServerBinary, ExitBound);
        // The server did log (at trace level), and it went where systemd's journal would get it.
        Assert.Matches(@"\d\d:\d\d:\d\d\.\d{3} (trce|dbug|info)", socat.StandardError);
    }

    [Fact]
    public async Task AllowRange_RefusesAddressesOutsideIt()
    {
        var (install, result) = await StagedInstall.RunAsync(["--simulate", "--plaintext", "--bind", "127.0.0.1", "--allow", "10.0.0.0/8"]);
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            await using var socat = await SocatProcess.StartUnitAsync(install, FreePort.Next());
            await using (var connection = await McpConnection.OpenAsync(socat.Port, Token))
            {
                await connection.SendAsync(McpConnection.Initialize, Token);
                Assert.Empty(await McpConnection.DrainAsync(connection.Stream, TimeSpan.FromSeconds(5), Token));
            }

            await socat.AssertLoggedAsync("due to range option", ExitBound);
            await socat.AssertNoServerLeftAsync(install.PathOf(StagedInstall.BinaryTarget), ExitBound);
        }
    }

    /// <summary>Opens <paramref name="count"/> sessions at once, holds them all open until every one has answered, then closes them.</summary>
    private static async Task RunParallelSessionsAsync(int count, Func<Task<McpConnection>> open, SocatProcess socat, string serverBinary)
    {
        var allAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        var peak = 0;
        var sessions = Enumerable.Range(0, count).Select(async _ =>
        {
            await using var connection = await open();
            var tools = await connection.HandshakeAsync(Token);
            if (Interlocked.Increment(ref answered) == count)
            {
                peak = SocatProcess.ProcessesRunning(serverBinary).Count;
                allAnswered.SetResult();
            }

            await allAnswered.Task.WaitAsync(TimeSpan.FromMinutes(1), Token);
            return tools;
        }).ToList();

        var results = await Task.WhenAll(sessions);
        Assert.All(results, tools => Assert.True(tools > 0));
        Assert.Equal(count, peak); // one server process per connection, all alive at once
        await socat.AssertNoServerLeftAsync(serverBinary, ExitBound);
    }

    /// <summary>A TLS connection attempt the server must refuse: whatever the client gets (if the handshake even completes) is returned.</summary>
    private async Task<byte[]> RefusedTlsAttemptAsync(int port, X509Certificate2? clientCertificate)
    {
        McpConnection connection;
        try
        {
            connection = await McpConnection.OpenTlsAsync(port, installs.CaPem, clientCertificate, Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return []; // refused during the handshake (TLS 1.2 behaviour)
        }

        await using (connection)
        {
            // With TLS 1.3 the client finishes first; the server's refusal arrives as an alert on the first read.
            try
            {
                await connection.SendAsync(McpConnection.Initialize, Token);
            }
            catch (IOException)
            {
            }

            return await McpConnection.DrainAsync(connection.Stream, TimeSpan.FromSeconds(5), Token);
        }
    }
}
