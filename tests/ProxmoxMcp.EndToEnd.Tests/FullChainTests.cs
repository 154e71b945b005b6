using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The whole Linux side as installed: the official SDK client -> TLS client certificate -> the unit's socat ->
/// the staged AOT server configured by the installer (token, pinned fingerprint) -> HTTPS -> a Proxmox node.
/// </summary>
public sealed class FullChainTests
{
    private const string Secret = "7d1c2b3a-4444-4555-8666-777788889999";

    [Fact]
    public async Task MutualTls_ClientCheckPasses_AllTheWayToAProxmoxNodeOverHttps()
    {
        using var certificate = TestPki.CreateLeaf("pve1.example.com", null, server: true);
        await using var node = FakeProxmoxNode.Start(certificate, Secret);
        var (install, installed) = await StagedInstall.RunAsync(
            ["--host", "127.0.0.1", "--pve-port", StagedInstall.Invariant(node.Port), "--token-id", FakeProxmoxNode.TokenId, "--token-secret-stdin",
             "--fingerprint", node.Fingerprint, "--bind", "127.0.0.1", "--san", "127.0.0.1"],
            Secret + "\n");
        using (install)
        {
            Assert.True(installed.ExitCode == 0, installed.ToString());
            await using var socat = await SocatProcess.StartUnitAsync(install, FreePort.Next());
            var local = FreePort.Next();
            var bundle = install.ClientDir();
            await using var terminator = await SocatProcess.StartAsync(
                ["socat", $"TCP-LISTEN:{local},bind=127.0.0.1,reuseaddr,fork",
                 $"OPENSSL:127.0.0.1:{socat.Port},cert={bundle}/claude-desktop.pem,key={bundle}/claude-desktop.key,cafile={bundle}/ca.pem"],
                local);

            var result = await ClientCheck.RunAsync(local, new Dictionary<string, string?> { ["CALL_TOOL"] = "get_cluster_status", ["CALL_ARGS"] = "{}" });
            Assert.True(result.ExitCode == 0, result + "\n--- socat ---\n" + socat.StandardError);
            Assert.Contains("PASS call get_cluster_status", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("clustername", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains("GET /api2/json/cluster/status", node.Requests);
            await socat.AssertNoServerLeftAsync(install.PathOf(StagedInstall.BinaryTarget), TimeSpan.FromSeconds(10));
            Assert.DoesNotContain(Secret, socat.StandardError, StringComparison.Ordinal);
        }
    }
}
