using ProxmoxMcp.Bridge.Tests.Infrastructure;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>The published single-file bridge as a process: exit codes, end of input, signals.</summary>
public sealed class ProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> NoHostEnvironment = new() { ["MCP_HOST"] = null, ["MCP_PORT"] = null };

    [Fact]
    public async Task PublishedBridge_WithoutHost_ExitsWithCode2AndSaysHowToFixIt()
    {
        var result = await ProcessRunner.RunAsync(await PublishedBinaries.BridgeAsync(Ct), [], TestTimeouts.Process, environment: NoHostEnvironment, standardInput: "", cancellationToken: Ct);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("pass --host NAME or set MCP_HOST", result.StandardError, StringComparison.Ordinal);
        Assert.Empty(result.StandardOutput);
    }

    [Fact]
    public async Task PublishedBridge_WithUnknownOptionOrBadValue_ExitsWithCode2()
    {
        var bridge = await PublishedBinaries.BridgeAsync(Ct);
        var unknown = await ProcessRunner.RunAsync(bridge, ["--host", "h", "--frobnicate"], TestTimeouts.Process, standardInput: "", cancellationToken: Ct);
        var badPort = await ProcessRunner.RunAsync(bridge, [], TestTimeouts.Process, environment: new Dictionary<string, string?> { ["MCP_HOST"] = "h", ["MCP_PORT"] = "http" }, standardInput: "", cancellationToken: Ct);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--frobnicate", unknown.StandardError, StringComparison.Ordinal);
        Assert.Equal(2, badPort.ExitCode);
        Assert.Contains("MCP_PORT: 'http' is not a TCP port", badPort.StandardError, StringComparison.Ordinal);
        var noRetries = await ProcessRunner.RunAsync(bridge, ["--host", "h", "--max-retries", "0"], TestTimeouts.Process, standardInput: "", cancellationToken: Ct);
        Assert.Equal(2, noRetries.ExitCode);
        Assert.Contains("--max-retries", noRetries.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedBridge_WithWrongClientCertificatePassword_ExitsWithCode2()
    {
        using var certificates = TestCertificates.Create();
        var result = await ProcessRunner.RunAsync(
            await PublishedBinaries.BridgeAsync(Ct),
            ["--host", "127.0.0.1", "--ca-file", certificates.CaPem, "--client-cert", certificates.ClientPfx],
            TestTimeouts.Process,
            environment: new Dictionary<string, string?> { ["MCP_CLIENT_CERT_PASSWORD"] = "not-the-password" },
            standardInput: "", cancellationToken: Ct);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"cannot load client certificate '{certificates.ClientPfx}'", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("MCP_CLIENT_CERT_PASSWORD is its password", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", result.StandardError, StringComparison.Ordinal);
        Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedBridge_WhenStdinClosesAfterRequests_PrintsTheRepliesAndExitsZero()
    {
        await using var socat = await SocatListener.StartAsync($"{await PublishedBinaries.ServerAsync(Ct)} --simulate", cancellationToken: Ct);
        var input = Json.Initialize(1) + "\n" + Json.Notification("notifications/initialized") + "\n" + Json.Request(2, "tools/list") + "\n";

        var result = await ProcessRunner.RunAsync(
            await PublishedBinaries.BridgeAsync(Ct), ["--host", "127.0.0.1", "--port", socat.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TestTimeouts.Process, standardInput: input, cancellationToken: Ct);

        Assert.Equal(0, result.ExitCode);
        var replies = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Json.Parse).ToList();
        Assert.Contains(replies, r => r.HasId(1) && r["result"]?["serverInfo"] is not null);
        Assert.Contains(replies, r => r.HasId(2) && r["result"]?["tools"] is not null);
        Assert.Contains("standard input closed", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedBridge_OnSigterm_StopsCleanlyWithCode0()
    {
        await using var socat = await SocatListener.StartAsync($"{await PublishedBinaries.ServerAsync(Ct)} --simulate", cancellationToken: Ct);
        await using var bridge = await BridgeProcess.StartAsync(["--host", "127.0.0.1", "--port", socat.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await bridge.SendAsync(Json.Initialize(1));
        Assert.True((await bridge.ReadAsync()).HasId(1));

        await bridge.SignalAsync("TERM");

        Assert.Equal(0, await bridge.WaitForExitAsync());
        Assert.Contains("stopping on a signal", bridge.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishedBridge_WhenServerNeverComesUp_ExitsWithCode3AfterMaxRetries()
    {
        await using var bridge = await BridgeProcess.StartAsync(
            ["--host", "127.0.0.1", "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture), "--max-retries", "2", "--max-backoff", "100ms"]);
        await bridge.SendAsync(Json.Initialize(1));

        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(1));
        Assert.Contains("connection refused", reply.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal(3, await bridge.WaitForExitAsync());
    }
}
