using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The one-click Claude Desktop install: release/build.sh --bundle-only builds the .mcpb with the pinned MCP Bundle CLI;
/// its manifest passes `mcpb validate`; unpacked, its bridge.exe runs under wine exactly as the manifest tells Claude
/// Desktop to run it (user_config filled in) against socat's mutual TLS with the installer's PFX and password.
/// About 15 s once wine and the binaries are there; skipped like WineTests when wine cannot be installed.
/// </summary>
public sealed class ReleaseBundleTests
{
    private const int Skipped = 77;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<string> McpbAsync()
    {
        var mcpb = RepoPaths.Combine("release", "node_modules", ".bin", "mcpb");
        if (!File.Exists(mcpb))
        {
            var install = await ProcessRunner.RunAsync("npm", ["install", "--no-audit", "--no-fund", "--silent"], TimeSpan.FromMinutes(5),
                workingDirectory: RepoPaths.Combine("release"), cancellationToken: Token);
            Assert.True(install.ExitCode == 0, install.ToString());
        }

        return mcpb;
    }

    [Fact]
    public async Task BundleManifest_PassesMcpbValidate()
    {
        var result = await ProcessRunner.RunAsync(await McpbAsync(), ["validate", RepoPaths.Combine("release", "mcpb", "manifest.json")], TimeSpan.FromMinutes(1), cancellationToken: Token);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("validation passes", result.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Bundle_Unpacked_RunsItsBridgeUnderWineAgainstMutualTlsWithTheInstallersCertificate()
    {
        var mcpb = await McpbAsync();
        await PublishedBinaries.ServerAsync(Token);
        var output = Directory.CreateTempSubdirectory("proxmox-mcp-release-").FullName;
        try
        {
            var build = await ProcessRunner.RunAsync("bash", [RepoPaths.Combine("release", "build.sh"), "--bundle-only"], TimeSpan.FromMinutes(8),
                environment: new Dictionary<string, string?> { ["PROXMOX_MCP_RELEASE_DIR"] = Path.Combine(output, "release") }, cancellationToken: Token);
            Assert.True(build.ExitCode == 0, build.ToString());
            var bundle = Assert.Single(Directory.GetFiles(Path.Combine(output, "release"), "*.mcpb"));
            var sums = File.ReadAllText(Path.Combine(output, "release", "SHA256SUMS"));
            Assert.Contains(Path.GetFileName(bundle), sums, StringComparison.Ordinal);
            Assert.Contains("\"registryType\": \"mcpb\"", File.ReadAllText(Path.Combine(output, "release", "server.json")), StringComparison.Ordinal);

            var unpacked = Path.Combine(output, "unpacked");
            var unpack = await ProcessRunner.RunAsync(mcpb, ["unpack", bundle, unpacked], TimeSpan.FromMinutes(1), cancellationToken: Token);
            Assert.True(unpack.ExitCode == 0, unpack.ToString());
            Assert.True(File.Exists(Path.Combine(unpacked, "bridge.exe")), "the bundle carries no bridge.exe");

            var wine = await ProcessRunner.RunAsync("bash", [RepoPaths.Combine("bridge", "test-wine.sh")], TimeSpan.FromMinutes(5),
                environment: new Dictionary<string, string?>
                {
                    ["PROXMOX_MCP_ARTIFACTS"] = PublishedBinaries.ArtifactsDir,
                    ["BUNDLE_DIR"] = unpacked,
                    ["TEST_WINE_ONLY"] = "tls",
                },
                standardInput: "", cancellationToken: Token);
            if (wine.ExitCode == Skipped)
            {
                Assert.Skip("wine is not installed and this user cannot install it (not root): run bridge/test-wine.sh as root");
            }

            Assert.True(wine.ExitCode == 0, wine.ToString());
            Assert.Contains("test-wine: passed bundle:", wine.StandardOutput, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
