using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// `proxmox-mcp check` (the published AOT binary) against a fake Proxmox node over real HTTPS: each layer's failure
/// is named with the setting to fix, the certificate's fingerprint is shown, privileges map to tool groups, and the
/// secret never appears in the output.
/// </summary>
public sealed class CheckCommandTests : IDisposable
{
    private const string Secret = "0f5e7c1d-1111-4222-8333-c0ffee000042";

    private readonly X509Certificate2 selfSigned = TestPki.CreateLeaf("pve1.example.com", null, server: true);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => selfSigned.Dispose();

    private static async Task<ProcessResult> CheckAsync(IDictionary<string, string?> environment, params string[] arguments)
    {
        var env = new Dictionary<string, string?>(environment);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("PROXMOX_", StringComparison.Ordinal)))
        {
            env.TryAdd(key, null);
        }

        // A directory without .env, so only what the test gives is read.
        var result = await ProcessRunner.RunAsync(await PublishedBinaries.ServerAsync(Token), ["check", .. arguments], TimeSpan.FromSeconds(90),
            workingDirectory: Path.GetTempPath(), environment: env, cancellationToken: Token);
        Assert.DoesNotContain(Secret, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret[..8], result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        return result;
    }

    private static Dictionary<string, string?> Settings(FakeProxmoxNode? node, string? fingerprint, string secret = Secret) => new()
    {
        ["PROXMOX_HOST"] = "127.0.0.1",
        ["PROXMOX_PORT"] = node is null ? StagedInstall.Invariant(FreePort.Next()) : StagedInstall.Invariant(node.Port),
        ["PROXMOX_TOKEN_ID"] = FakeProxmoxNode.TokenId,
        ["PROXMOX_TOKEN_SECRET"] = secret,
        ["PROXMOX_FINGERPRINT"] = fingerprint,
        ["PROXMOX_TIMEOUT"] = "10",
    };

    [Fact]
    public async Task Check_WithoutHost_NamesTheVariableAndExitsWith2()
    {
        var result = await CheckAsync(new Dictionary<string, string?> { ["PROXMOX_TOKEN_SECRET"] = Secret });
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("FAIL  PROXMOX_HOST is not set", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenNothingListens_SaysConnectionRefusedAndSkipsTheRest()
    {
        var result = await CheckAsync(Settings(null, null));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  TCP: cannot connect", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("skip  Authentication and permissions", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenTheNameDoesNotResolve_SaysDns()
    {
        var settings = Settings(null, null);
        settings["PROXMOX_HOST"] = "no-such-node.invalid";
        var result = await CheckAsync(settings);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  DNS: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("no-such-node.invalid", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SelfSignedNodeNotPinned_ShowsTheFingerprintAndRefuses()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret);
        var result = await CheckAsync(Settings(node, null));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"SHA-256 fingerprint: {node.Fingerprint}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("FAIL  Refused: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"PROXMOX_FINGERPRINT={node.Fingerprint}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(node.Requests); // nothing was sent over a connection that was not trusted
    }

    [Fact]
    public async Task Check_PinnedNodeWithFullPrivileges_PassesEveryLayer()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret);
        var result = await CheckAsync(Settings(node, node.Fingerprint.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant()));
        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.Contains("ok    DNS: not needed", output, StringComparison.Ordinal);
        Assert.Contains("ok    TCP: 127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("ok    Pinned: the certificate matches PROXMOX_FINGERPRINT", output, StringComparison.Ordinal);
        Assert.Contains($"ok    Authenticated as {FakeProxmoxNode.TokenId}: Proxmox VE 8.1.4", output, StringComparison.Ordinal);
        Assert.Contains("ok    Sees 4 nodes", output, StringComparison.Ordinal);
        Assert.Contains("ok    cluster     cluster status (Sys.Audit on /)", output, StringComparison.Ordinal);
        Assert.Contains("ok    nodes       node status and metrics (Sys.Audit on /nodes)", output, StringComparison.Ordinal);
        Assert.Contains("Result: OK.", output, StringComparison.Ordinal);
        Assert.Contains("GET /api2/json/access/permissions", node.Requests);
    }

    [Fact]
    public async Task Check_PrivilegeSeparatedTokenWithSomeRights_SaysWhichToolGroupsWork()
    {
        var permissions = new JsonObject
        {
            ["/vms"] = new JsonObject { ["VM.Audit"] = 1, ["VM.PowerMgmt"] = 1 },
            ["/vms/100"] = new JsonObject { ["VM.Audit"] = 1, ["VM.PowerMgmt"] = 1, ["VM.Snapshot"] = 0 },
            ["/storage"] = new JsonObject { ["Datastore.Audit"] = 1 },
        };
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret, permissions);
        var settings = Settings(node, node.Fingerprint);
        settings["PROXMOX_MCP_TOOLS"] = null;
        var result = await CheckAsync(settings);
        Assert.True(result.ExitCode == 0, result.ToString());
        var output = result.StandardOutput;
        Assert.Contains("warn  cluster     cluster status: needs Sys.Audit on /", output, StringComparison.Ordinal);
        Assert.Contains("warn  nodes       node status and metrics: needs Sys.Audit on /nodes", output, StringComparison.Ordinal);
        Assert.Contains($"pveum acl modify / --tokens '{FakeProxmoxNode.TokenId}' --roles PVEAuditor", output, StringComparison.Ordinal);
        Assert.Contains("Result: OK with", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_TokenWithNoPrivilegesAtAll_Fails()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret, new JsonObject());
        var result = await CheckAsync(Settings(node, node.Fingerprint));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  These credentials have no privileges at all", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("privilege separation", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongSecret_FailsAuthenticationWithoutShowingEitherSecret()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, "the-right-secret-0000");
        var result = await CheckAsync(Settings(node, node.Fingerprint));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  Authentication failed (authentication failure)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PROXMOX_TOKEN_SECRET", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("the-right-secret", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithTheClusterCaFile_TrustsTheNode()
    {
        using var ca = TestPki.CreateCa("Proxmox Virtual Environment");
        using var leaf = TestPki.CreateLeaf("pve1", ca, server: true);
        var caFile = Path.Combine(Path.GetTempPath(), $"pve-root-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        try
        {
            await using var node = FakeProxmoxNode.Start(leaf, Secret);
            var settings = Settings(node, null);
            settings["PROXMOX_CA_FILE"] = caFile;
            var result = await CheckAsync(settings);
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"ok    Trusted: it chains to the CA in PROXMOX_CA_FILE ({caFile})", result.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    [Fact]
    public async Task Check_WithVerificationOff_WarnsAndShowsWhatToPin()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret);
        var settings = Settings(node, null);
        settings["PROXMOX_VERIFY_SSL"] = "false";
        var result = await CheckAsync(settings);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warn  Node certificate: NOT verified (PROXMOX_VERIFY_SSL=false)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("warn  Accepted WITHOUT verification", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"PROXMOX_FINGERPRINT={node.Fingerprint}", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WrongPin_RefusesAndShowsWhatTheNodePresents()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret);
        var result = await CheckAsync(Settings(node, string.Join(':', Enumerable.Repeat("00", 32))));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL  Refused: the certificate does not match the pinned PROXMOX_FINGERPRINT", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(node.Fingerprint, result.StandardOutput, StringComparison.Ordinal);
        Assert.Empty(node.Requests);
    }

    [Fact]
    public async Task Check_ReadsTheEnvFileTheInstallerWrote()
    {
        await using var node = FakeProxmoxNode.Start(selfSigned, Secret);
        var (install, installed) = await StagedInstall.RunAsync(
            ["--host", "127.0.0.1", "--pve-port", StagedInstall.Invariant(node.Port), "--token-id", FakeProxmoxNode.TokenId, "--token-secret-stdin",
             "--fingerprint", "auto", "--plaintext", "--bind", "127.0.0.1", "--check"],
            Secret + "\n");
        using (install)
        {
            Assert.Contains($"pinning the certificate 127.0.0.1:{node.Port} presents now: {node.Fingerprint}", installed.StandardOutput, StringComparison.Ordinal);
            Assert.True(installed.ExitCode == 0, installed.ToString());
            Assert.DoesNotContain(Secret, installed.StandardOutput + installed.StandardError, StringComparison.Ordinal);
            var result = await CheckAsync(new Dictionary<string, string?>(), "--env-file", install.PathOf(StagedInstall.EnvTarget));
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"Settings from: env file {install.PathOf(StagedInstall.EnvTarget)}", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Check_Simulate_ChecksTheSimulatedCluster()
    {
        var result = await CheckAsync(new Dictionary<string, string?>(), "--simulate");
        Assert.Contains("skip  The simulated cluster runs inside the server", result.StandardOutput, StringComparison.Ordinal);
        if (result.StandardOutput.Contains(ClientCheck.StubSimulatorMarker, StringComparison.Ordinal))
        {
            Assert.Equal(1, result.ExitCode);
            Assert.Skip("the placeholder simulator answers 501 to GET /version; merge main with the simulator for a passing check");
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ok    Authenticated as", result.StandardOutput, StringComparison.Ordinal);
    }
}
