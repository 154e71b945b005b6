using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>install/install.sh --http in staging mode: the second unit, the HTTP binary, the token file and TLS files.</summary>
public sealed class HttpInstallerTests
{
    private const string HttpUnit = "/etc/systemd/system/proxmox-mcp-http.service";
    private const string TokenFile = "/etc/proxmox-mcp/http-tokens";

    [Fact]
    public async Task Install_WithHttp_WritesTheSecondUnitTheHttpBinaryAndAHashedFirstToken()
    {
        var binaries = await BinariesAsync();
        using var install = StagedInstall.CreateEmpty();
        try
        {
            var result = await install.InstallAsync(["--simulate", "--plaintext", "--http", "0.0.0.0:8443", "--binary", Path.Combine(binaries, "proxmox-mcp")]);

            Assert.True(result.ExitCode == 0, result.ToString());
            var unit = File.ReadAllText(install.PathOf(HttpUnit));
            Assert.Contains(
                $"ExecStart=/opt/proxmox-mcp/proxmox-mcp-http --http 0.0.0.0:8443 --http-tokens {TokenFile} --http-cert /etc/proxmox-mcp/tls/server.pem --http-key /etc/proxmox-mcp/tls/server.key",
                unit,
                StringComparison.Ordinal);
            Assert.Contains("MemoryDenyWriteExecute=yes", unit, StringComparison.Ordinal);
            Assert.True(File.Exists(install.PathOf("/opt/proxmox-mcp/proxmox-mcp-http")));
            Assert.True(File.Exists(install.PathOf("/etc/proxmox-mcp/tls/server.pem")), "a plaintext socat install still gets a certificate for HTTP");

            // The token is printed once; the file holds only its hash.
            var token = result.StandardOutput.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("token ", StringComparison.Ordinal)).Split(' ').Last();
            var tokens = File.ReadAllText(install.PathOf(TokenFile));
            Assert.StartsWith("pmcp_", token, StringComparison.Ordinal);
            Assert.DoesNotContain(token, tokens, StringComparison.Ordinal);
            Assert.Matches(@"(?m)^http-client sha256:[0-9a-f]{64}$", tokens);
            Assert.Equal("0640", install.ModeOf(TokenFile));
            Assert.Equal("0.0.0.0:8443", install.InstallState()["HTTP_ADDRESS"]);

            var again = await install.InstallAsync(["--binary", Path.Combine(binaries, "proxmox-mcp")]);
            Assert.True(again.ExitCode == 0, again.ToString());
            Assert.Equal(tokens, File.ReadAllText(install.PathOf(TokenFile)));
            Assert.True(File.Exists(install.PathOf(HttpUnit)), "an upgrade keeps the HTTP unit");

            var removed = await install.InstallAsync(["--no-http", "--binary", Path.Combine(binaries, "proxmox-mcp")]);
            Assert.True(removed.ExitCode == 0, removed.ToString());
            Assert.False(File.Exists(install.PathOf(HttpUnit)));
            Assert.True(File.Exists(install.PathOf(TokenFile)), "--no-http keeps the token file");
        }
        finally
        {
            Directory.Delete(binaries, recursive: true);
        }
    }

    [Fact]
    public async Task Install_WithHttpOnLoopback_ServesPlainHttpWithoutCertificateArguments()
    {
        var binaries = await BinariesAsync();
        using var install = StagedInstall.CreateEmpty();
        try
        {
            var result = await install.InstallAsync(["--simulate", "--http", "127.0.0.1:8080", "--binary", Path.Combine(binaries, "proxmox-mcp")]);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains($"--http 127.0.0.1:8080 --http-tokens {TokenFile}\n", File.ReadAllText(install.PathOf(HttpUnit)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(binaries, recursive: true);
        }
    }

    /// <summary>Both published binaries in one directory, as a release tarball has them.</summary>
    private static async Task<string> BinariesAsync()
    {
        var directory = Directory.CreateTempSubdirectory("pmcp-binaries-").FullName;
        File.Copy(await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken), Path.Combine(directory, "proxmox-mcp"));
        File.Copy(await PublishedBinaries.HttpServerAsync(TestContext.Current.CancellationToken), Path.Combine(directory, "proxmox-mcp-http"));
        return directory;
    }
}
