using System.Security.Cryptography.X509Certificates;
using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>install/install.sh and uninstall.sh in staging mode (--root): what they write, with which modes and owners, and what an upgrade keeps.</summary>
public sealed class InstallerTests
{
    private static readonly string Fingerprint = string.Join(':', Enumerable.Repeat("AB", 32));

    private static string[] RealConfig(params string[] more) =>
    [
        "--host", "pve1.example.com", "--token-id", "mcp@pve!mcp", "--token-secret-stdin", "--fingerprint", Fingerprint,
        "--san", "mcp.example.lan", "--san", "127.0.0.1", "--port", "3100", .. more,
    ];

    [Fact]
    public async Task Install_Staged_LaysOutFilesWithTheirModesAndRecordsOwnersInTheManifest()
    {
        var (install, result) = await StagedInstall.RunAsync(RealConfig(), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var expected = new Dictionary<string, (string Mode, string Owner, string Group)>
            {
                ["/opt/proxmox-mcp"] = ("0755", "root", "root"),
                ["/opt/proxmox-mcp/proxmox-mcp"] = ("0755", "root", "root"),
                ["/opt/proxmox-mcp/uninstall.sh"] = ("0755", "root", "root"),
                ["/etc/proxmox-mcp"] = ("0750", "root", "proxmox-mcp"),
                ["/etc/proxmox-mcp/proxmox-mcp.env"] = ("0640", "root", "proxmox-mcp"),
                ["/etc/proxmox-mcp/tls"] = ("0750", "root", "proxmox-mcp"),
                ["/etc/proxmox-mcp/tls/ca.key"] = ("0600", "root", "root"),
                ["/etc/proxmox-mcp/tls/ca.pem"] = ("0644", "root", "root"),
                ["/etc/proxmox-mcp/tls/server.key"] = ("0640", "root", "proxmox-mcp"),
                ["/etc/proxmox-mcp/tls/server.pem"] = ("0644", "root", "root"),
                ["/etc/proxmox-mcp/clients"] = ("0700", "root", "root"),
                ["/etc/proxmox-mcp/clients/claude-desktop"] = ("0700", "root", "root"),
                ["/etc/proxmox-mcp/clients/claude-desktop/claude-desktop.pfx"] = ("0600", "root", "root"),
                ["/etc/proxmox-mcp/clients/claude-desktop/claude-desktop.key"] = ("0600", "root", "root"),
                ["/etc/proxmox-mcp/clients/claude-desktop/pfx-password.txt"] = ("0600", "root", "root"),
                ["/etc/proxmox-mcp/clients/claude-desktop/claude_desktop_config.json"] = ("0600", "root", "root"),
                ["/etc/proxmox-mcp/clients/claude-desktop/ca.pem"] = ("0644", "root", "root"),
                [StagedInstall.UnitTarget] = ("0644", "root", "root"),
            };
            var manifest = install.Manifest().ToDictionary(e => e.Path, StringComparer.Ordinal);
            foreach (var (path, (mode, owner, group)) in expected)
            {
                Assert.True(File.Exists(install.PathOf(path)) || Directory.Exists(install.PathOf(path)), $"{path} missing");
                Assert.Equal(mode, install.ModeOf(path));
                Assert.True(manifest.TryGetValue(path, out var entry), $"{path} not in the manifest");
                Assert.Equal((mode, owner, group), (entry.Mode, entry.Owner, entry.Group));
            }

            Assert.Equal("/opt/proxmox-mcp/proxmox-mcp", File.ResolveLinkTarget(install.PathOf("/usr/local/bin/proxmox-mcp"), false)?.FullName);

            // As root, owners that exist here are applied on disk too; the manifest says whether all of them were.
            var stat = await ProcessRunner.RunAsync("stat", ["-c", "%U %G %n", .. expected.Keys.Select(install.PathOf)], TimeSpan.FromSeconds(20),
                cancellationToken: TestContext.Current.CancellationToken);
            var serviceUserExists = (await ProcessRunner.RunAsync("getent", ["group", "proxmox-mcp"], TimeSpan.FromSeconds(10),
                cancellationToken: TestContext.Current.CancellationToken)).ExitCode == 0;
            var header = File.ReadAllLines(install.PathOf("/opt/proxmox-mcp/MANIFEST"));
            Assert.Contains(header, l => l == $"# owners applied: {(Environment.UserName == "root" && serviceUserExists ? "yes" : "no")} " +
                "(no means this was a staged install that could not chown; apply them when deploying)");
            if (Environment.UserName == "root")
            {
                foreach (var line in stat.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    var fields = line.Split(' ', 3);
                    var (_, owner, group) = expected[fields[2][install.Root.Length..]];
                    Assert.Equal(owner, fields[0]);
                    Assert.Equal(group == "proxmox-mcp" && !serviceUserExists ? "root" : group, fields[1]);
                }
            }
        }
    }

    [Fact]
    public async Task Install_Staged_KeepsTheSecretInTheEnvFileOnly()
    {
        var (install, result) = await StagedInstall.RunAsync(RealConfig(), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var env = install.EnvFile();
            Assert.Equal(StagedInstall.Secret, env["PROXMOX_TOKEN_SECRET"]);
            Assert.Equal("pve1.example.com", env["PROXMOX_HOST"]);
            Assert.Equal("mcp@pve!mcp", env["PROXMOX_TOKEN_ID"]);
            Assert.Equal(Fingerprint, env["PROXMOX_FINGERPRINT"]);

            Assert.DoesNotContain(StagedInstall.Secret, install.UnitText, StringComparison.Ordinal);
            Assert.DoesNotContain("Environment=", install.UnitText.Replace("EnvironmentFile=", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains($"EnvironmentFile={StagedInstall.EnvTarget}", install.UnitText, StringComparison.Ordinal);
            Assert.DoesNotContain(StagedInstall.Secret, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
            foreach (var file in Directory.EnumerateFiles(install.Root, "*", SearchOption.AllDirectories)
                         .Where(f => !f.EndsWith("proxmox-mcp.env", StringComparison.Ordinal) && !f.EndsWith("/proxmox-mcp", StringComparison.Ordinal)))
            {
                Assert.DoesNotContain(StagedInstall.Secret, File.ReadAllText(file), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Install_SecretAsArgument_IsRefusedWithoutEchoingIt()
    {
        using var install = StagedInstall.CreateEmpty();
        var result = await install.InstallAsync(["--host", "pve1", "--token-id", "mcp@pve!mcp", "--token-secret", StagedInstall.Secret]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("never taken as arguments", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(StagedInstall.Secret, result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(install.PathOf(StagedInstall.EnvTarget)));
    }

    [Fact]
    public async Task Install_WithoutATerminal_ReadsTheSecretFromStandardInput()
    {
        var (install, result) = await StagedInstall.RunAsync(RealConfig().Where(o => o != "--token-secret-stdin"), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal(StagedInstall.Secret, install.EnvFile()["PROXMOX_TOKEN_SECRET"]);
        }
    }

    [Fact]
    public async Task Install_NeverPassesTheSecretToAnyProgramItRuns()
    {
        if (!File.Exists("/usr/bin/strace"))
        {
            Assert.Skip("strace is not installed: cannot watch the installer's execve calls");
        }

        using var install = StagedInstall.CreateEmpty();
        var trace = Path.Combine(install.Root, "..", Path.GetFileName(install.Root) + ".strace");
        var server = await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken);
        var result = await ProcessRunner.RunAsync(
            "strace",
            ["-f", "-qq", "-s", "65536", "-e", "trace=execve", "-o", trace, "bash", StagedInstall.Installer, "--root", install.Root, "--binary", server,
             "--non-interactive", "--no-check", .. RealConfig()],
            TimeSpan.FromMinutes(2),
            standardInput: StagedInstall.Secret + "\n",
            cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var execs = File.ReadAllLines(trace);
            Assert.True(execs.Length > 20, "strace recorded too little to mean anything");
            Assert.DoesNotContain(execs, l => l.Contains(StagedInstall.Secret, StringComparison.Ordinal));
            Assert.Equal(StagedInstall.Secret, install.EnvFile()["PROXMOX_TOKEN_SECRET"]);
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Fact]
    public async Task Install_Again_KeepsConfigurationCertificatesAndListenerChoices_AndReplacesTheBinary()
    {
        var (install, first) = await StagedInstall.RunAsync(RealConfig("--max-children", "7", "--allow", "192.168.7.0/24"), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(first.ExitCode == 0, first.ToString());
            File.AppendAllText(install.PathOf(StagedInstall.EnvTarget), "PROXMOX_MCP_READONLY=true\n");
            var before = Snapshot(install);

            // A new build: the same binary with a byte appended still runs and differs.
            var newer = Path.Combine(install.Root, "..", Path.GetFileName(install.Root) + "-newer-proxmox-mcp");
            File.Copy(await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken), newer, overwrite: true);
            File.AppendAllBytes(newer, [0]);
            try
            {
                var second = await install.InstallAsync([], binary: newer);
                Assert.True(second.ExitCode == 0, second.ToString());
                var after = Snapshot(install);
                foreach (var (path, content) in before.Where(p => p.Key != StagedInstall.BinaryTarget))
                {
                    Assert.True(content.SequenceEqual(after[path]), $"{path} changed on upgrade");
                }

                Assert.Equal(File.ReadAllBytes(newer), after[StagedInstall.BinaryTarget]);
                Assert.Equal("true", install.EnvFile()["PROXMOX_MCP_READONLY"]);
                Assert.Contains("max-children=7,", install.UnitText, StringComparison.Ordinal);
                Assert.Contains("range=192.168.7.0/24", install.UnitText, StringComparison.Ordinal);
                Assert.DoesNotContain("issuing", second.StandardOutput, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(newer);
            }
        }
    }

    [Fact]
    public async Task Install_WithANewSan_ReissuesOnlyTheServerCertificate()
    {
        var (install, first) = await StagedInstall.RunAsync(RealConfig(), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(first.ExitCode == 0, first.ToString());
            var before = Snapshot(install);
            var second = await install.InstallAsync(["--san", "mcp2.example.lan", "--san", "192.0.2.50"]);
            Assert.True(second.ExitCode == 0, second.ToString());
            var after = Snapshot(install);
            Assert.Equal(before["/etc/proxmox-mcp/tls/ca.pem"], after["/etc/proxmox-mcp/tls/ca.pem"]);
            Assert.Equal(before["/etc/proxmox-mcp/clients/claude-desktop/claude-desktop.pfx"], after["/etc/proxmox-mcp/clients/claude-desktop/claude-desktop.pfx"]);
            Assert.NotEqual(before["/etc/proxmox-mcp/tls/server.pem"], after["/etc/proxmox-mcp/tls/server.pem"]);
            using var server = X509CertificateLoader.LoadCertificateFromFile(install.PathOf("/etc/proxmox-mcp/tls/server.pem"));
            var names = server.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Equal(["mcp2.example.lan"], names.EnumerateDnsNames());
            Assert.Equal(["192.0.2.50"], names.EnumerateIPAddresses().Select(a => a.ToString()));
            Assert.Contains("\"--host\", \"mcp2.example.lan\"", File.ReadAllText(Path.Combine(install.ClientDir(), "claude_desktop_config.json")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Install_CreatesAClientBundleThatWindowsCanUse()
    {
        var (install, result) = await StagedInstall.RunAsync(RealConfig(), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var bundle = install.ClientDir();
            var password = File.ReadAllText(Path.Combine(bundle, "pfx-password.txt")).Trim();
            Assert.True(password.Length >= 24, "the PFX password is too short");
            Assert.DoesNotContain(password, result.StandardOutput + result.StandardError, StringComparison.Ordinal);

            using var client = X509CertificateLoader.LoadPkcs12FromFile(Path.Combine(bundle, "claude-desktop.pfx"), password);
            Assert.True(client.HasPrivateKey);
            Assert.Contains(client.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
                o => o.Value == "1.3.6.1.5.5.7.3.2");
            using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(bundle, "ca.pem"));
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            Assert.True(chain.Build(client), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));

            // The configuration to paste: bridge.exe with the bridge's TLS options, the password only in the bundle's copy.
            var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(bundle, "claude_desktop_config.json")))!["mcpServers"]!["proxmox"]!;
            Assert.Equal(@"C:\ProxmoxMcp\bridge.exe", config["command"]!.GetValue<string>());
            var args = config["args"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
            Assert.Equal(["--host", "mcp.example.lan", "--port", "3100", "--tls", "--ca-file", @"C:\ProxmoxMcp\ca.pem", "--client-cert", @"C:\ProxmoxMcp\claude-desktop.pfx"], args);
            Assert.Equal(password, config["env"]!["MCP_CLIENT_CERT_PASSWORD"]!.GetValue<string>());
            Assert.Contains("\"MCP_CLIENT_CERT_PASSWORD\": \"<contents of pfx-password.txt>\"", result.StandardOutput, StringComparison.Ordinal);

            // The one-click way: where the .mcpb is (or how to get it) and which certificate file to choose in its form.
            Assert.Contains("Claude Desktop, one click:", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains(".mcpb", result.StandardOutput, StringComparison.Ordinal);
            Assert.Contains($"choose the copy of {bundle}/claude-desktop.pfx", result.StandardOutput, StringComparison.Ordinal);
            Assert.True(client.GetRSAPrivateKey() is not null, "the client key must be RSA: wine's crypt32 (and older Windows) import no EC key from a PFX");
        }
    }

    [Fact]
    public async Task Install_Plaintext_WarnsLoudlyAndListensOnPlainTcp()
    {
        var (install, result) = await StagedInstall.RunAsync(["--simulate", "--plaintext", "--port", "3100"]);
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("PLAINTEXT listener", result.StandardError, StringComparison.Ordinal);
            Assert.Contains("from ANY address", result.StandardError, StringComparison.Ordinal);
            var listen = install.ExecStart().Single(a => a.StartsWith("TCP-LISTEN:", StringComparison.Ordinal));
            Assert.StartsWith("TCP-LISTEN:3100,bind=0.0.0.0,reuseaddr,fork,max-children=16,", listen, StringComparison.Ordinal);
            Assert.False(Directory.Exists(install.PathOf("/etc/proxmox-mcp/tls")));
            Assert.DoesNotContain("--tls", File.ReadAllText(install.PathOf("/etc/proxmox-mcp/install.conf")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Install_WithoutAProxmoxNode_FailsAndNamesTheOption()
    {
        using var install = StagedInstall.CreateEmpty();
        var result = await install.InstallAsync(["--token-id", "mcp@pve!mcp"]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--host", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(install.PathOf(StagedInstall.UnitTarget)));
    }

    [Fact]
    public async Task Install_RunsProxmoxMcpCheckAtTheEnd()
    {
        using var install = StagedInstall.CreateEmpty();
        var result = await install.InstallAsync(["--simulate", "--check"]);
        Assert.Contains("Running: proxmox-mcp check", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("Result: ", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"Settings from: env file {install.PathOf(StagedInstall.EnvTarget)}", result.StandardOutput, StringComparison.Ordinal);
        if (result.StandardOutput.Contains(ClientCheck.StubSimulatorMarker, StringComparison.Ordinal))
        {
            Assert.Equal(4, result.ExitCode); // installed, check failed: the placeholder simulator answers 501
            Assert.Skip("the check ran and reported the placeholder simulator's 501; merge main with the simulator for a passing check");
        }

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Uninstall_RemovesTheInstallationAndKeepsTheConfiguration_PurgeRemovesItToo()
    {
        var (install, result) = await StagedInstall.RunAsync(RealConfig(), StagedInstall.Secret + "\n");
        using (install)
        {
            Assert.True(result.ExitCode == 0, result.ToString());
            var uninstall = await install.UninstallAsync();
            Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
            Assert.False(Directory.Exists(install.PathOf("/opt/proxmox-mcp")));
            Assert.False(File.Exists(install.PathOf(StagedInstall.UnitTarget)));
            Assert.False(File.Exists(install.PathOf("/usr/local/bin/proxmox-mcp")) || Directory.Exists(install.PathOf("/usr/local/bin/proxmox-mcp")));
            Assert.Equal(StagedInstall.Secret, install.EnvFile()["PROXMOX_TOKEN_SECRET"]);
            Assert.True(File.Exists(install.PathOf("/etc/proxmox-mcp/tls/ca.key")));

            // Reinstalling finds the kept configuration.
            var again = await install.InstallAsync([]);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.DoesNotContain("creating the certificate authority", again.StandardOutput, StringComparison.Ordinal);

            var purge = await install.UninstallAsync("--purge");
            Assert.True(purge.ExitCode == 0, purge.ToString());
            Assert.False(Directory.Exists(install.PathOf("/etc/proxmox-mcp")));
            Assert.False(Directory.Exists(install.PathOf("/opt/proxmox-mcp")));
        }
    }

    private static Dictionary<string, byte[]> Snapshot(StagedInstall install) =>
        Directory.EnumerateFiles(install.Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("/MANIFEST", StringComparison.Ordinal) && new FileInfo(f).LinkTarget is null)
            .ToDictionary(f => f[install.Root.Length..], File.ReadAllBytes, StringComparer.Ordinal);
}
