using ProxmoxMcp.Bridge.Tests.Infrastructure;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>The Windows build users run, under wine: bridge/test-wine.sh (installs wine when root and missing).</summary>
public sealed class WineTests
{
    private const int Skipped = 77;

    [Fact]
    public async Task WindowsBridge_UnderWine_CarriesInitializeAndAToolCall()
    {
        var ct = TestContext.Current.CancellationToken;
        // Publish the Linux binaries first, under their lock, so the script's own publishes find them fresh.
        await PublishedBinaries.ServerAsync(ct);
        await PublishedBinaries.BridgeAsync(ct);

        var result = await ProcessRunner.RunAsync(
            "bash", [RepoPaths.Combine("bridge", "test-wine.sh")], TimeSpan.FromMinutes(5),
            environment: new Dictionary<string, string?> { ["PROXMOX_MCP_ARTIFACTS"] = PublishedBinaries.ArtifactsDir },
            standardInput: "",
            cancellationToken: ct);

        if (result.ExitCode == Skipped)
        {
            Assert.Skip("wine is not installed and this user cannot install it (not root): run bridge/test-wine.sh as root");
        }

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("test-wine: passed", result.StandardOutput, StringComparison.Ordinal);
    }
}
