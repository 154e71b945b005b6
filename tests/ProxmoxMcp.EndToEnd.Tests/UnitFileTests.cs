using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>The generated proxmox-mcp.service: systemd accepts it, and it says what the security design needs.</summary>
public sealed class UnitFileTests
{
    private static async Task<StagedInstall> InstallAsync(params string[] options)
    {
        var (install, result) = await StagedInstall.RunAsync(["--simulate", "--san", "mcp.example.lan", .. options]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return install;
    }

    [Fact]
    public async Task Unit_PassesSystemdAnalyzeVerify()
    {
        if (!File.Exists("/usr/bin/systemd-analyze") && !File.Exists("/bin/systemd-analyze"))
        {
            Assert.Skip("systemd-analyze is not installed here (no systemd package): the unit cannot be verified on this machine");
        }

        using var install = await InstallAsync();
        foreach (var plaintext in new[] { false, true })
        {
            if (plaintext)
            {
                var again = await install.InstallAsync(["--plaintext"]);
                Assert.True(again.ExitCode == 0, again.ToString());
            }

            var verify = await ProcessRunner.RunAsync("systemd-analyze", ["verify", install.PathOf(StagedInstall.UnitTarget)], TimeSpan.FromSeconds(60),
                cancellationToken: TestContext.Current.CancellationToken);
            // verify exits 0 even for unknown keys and bad values; it reports them, so any output is a finding.
            Assert.True(verify.ExitCode == 0 && (verify.StandardOutput + verify.StandardError).Trim().Length == 0, verify.ToString());
        }
    }

    [Fact]
    public async Task Unit_RunsSocatWithForkBoundsAndMutualTls_AndTheServerWithoutStderrInTheSocket()
    {
        using var install = await InstallAsync("--bind", "192.0.2.10", "--max-children", "12", "--allow", "192.0.2.0/24");
        var argv = install.ExecStart();
        Assert.Equal(5, argv.Count);
        Assert.Matches("^/.*socat$", argv[0]);
        Assert.Equal(["-d", "-d"], argv.Skip(1).Take(2));
        var listen = argv.Single(a => a.StartsWith("OPENSSL-LISTEN:", StringComparison.Ordinal)).Split(',');
        Assert.Equal("OPENSSL-LISTEN:3100", listen[0]);
        string[] required =
        [
            "bind=192.0.2.10", "reuseaddr", "fork", "max-children=12", "range=192.0.2.0/24", "cert=/etc/proxmox-mcp/tls/server.pem",
            "key=/etc/proxmox-mcp/tls/server.key", "cafile=/etc/proxmox-mcp/tls/ca.pem", "verify=1", "openssl-min-proto-version=TLS1.2",
        ];
        Assert.All(required, option => Assert.Contains(option, listen));
        Assert.Equal("EXEC:/opt/proxmox-mcp/proxmox-mcp", argv[^1]);
        Assert.DoesNotContain("stderr", argv[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unit_IsHardened()
    {
        using var install = await InstallAsync();
        var lines = install.UnitText.Split('\n').Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        string[] required =
        [
            "User=proxmox-mcp", "Group=proxmox-mcp", "EnvironmentFile=/etc/proxmox-mcp/proxmox-mcp.env", "Restart=always",
            "NoNewPrivileges=yes", "CapabilityBoundingSet=", "AmbientCapabilities=", "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes",
            "PrivateDevices=yes", "ProtectKernelTunables=yes", "ProtectKernelModules=yes", "ProtectKernelLogs=yes", "ProtectControlGroups=yes",
            "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX", "RestrictNamespaces=yes", "LockPersonality=yes", "MemoryDenyWriteExecute=yes",
            "SystemCallFilter=@system-service", "SystemCallArchitectures=native", "UMask=0077",
            "StateDirectory=proxmox-mcp", "StateDirectoryMode=0750",
        ];
        Assert.All(required, line => Assert.Contains(line, lines));
    }

    [Fact]
    public async Task Unit_SystemdSecurityExposureIsLow()
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            Assert.Skip("systemd-analyze is not installed here");
        }

        using var install = await InstallAsync();
        var security = await ProcessRunner.RunAsync("systemd-analyze", ["security", "--offline=true", install.PathOf(StagedInstall.UnitTarget)],
            TimeSpan.FromSeconds(60), cancellationToken: TestContext.Current.CancellationToken);
        if (security.StandardError.Contains("Unknown option", StringComparison.Ordinal) || security.StandardError.Contains("unrecognized option", StringComparison.Ordinal))
        {
            Assert.Skip("this systemd-analyze has no --offline mode (systemd < 250)");
        }

        var level = System.Text.RegularExpressions.Regex.Match(security.StandardOutput, @"Overall exposure level for proxmox-mcp\.service: ([0-9.]+)");
        Assert.True(level.Success, security.ToString());
        Assert.True(double.Parse(level.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) <= 2.0, security.StandardOutput);
    }
}
