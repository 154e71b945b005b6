using System.Text.Json.Nodes;
using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The commands people type, on the published AOT binary: a mistake is one clear line and exit code 2, never a
/// stack trace; `demo --live` uses the options it was given; the server logs no stack trace for an unknown tool.
/// </summary>
public sealed class CliTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Runs the server binary in a directory without .env and without the caller's PROXMOX_* variables.</summary>
    internal static async Task<ProcessResult> RunAsync(string[] arguments, Dictionary<string, string?>? environment = null, string? standardInput = null, string? runAs = null)
    {
        var env = new Dictionary<string, string?>(environment ?? []);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(k => k.StartsWith("PROXMOX_", StringComparison.Ordinal)))
        {
            env.TryAdd(key, null);
        }

        var server = await PublishedBinaries.ServerAsync(Token);
        var (file, args) = runAs is null ? (server, arguments) : ("setpriv", ["--reuid", runAs, "--regid", runAs, "--clear-groups", server, .. arguments]);
        return await ProcessRunner.RunAsync(file, args, TimeSpan.FromSeconds(90), workingDirectory: Path.GetTempPath(), environment: env,
            standardInput: standardInput ?? "", cancellationToken: Token);
    }

    private static void AssertOneCleanLine(ProcessResult result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithMisspeltTool_SaysDidYouMeanAndExits2() =>
        AssertOneCleanLine(await RunAsync(["call", "get_vmm", "--simulate"]), "Unknown tool 'get_vmm'. Did you mean get_vm or get_vms?");

    [Fact]
    public async Task Call_WithToolHiddenByReadOnlyMode_SaysReadOnlyModeHidesItAndExits2() =>
        AssertOneCleanLine(await RunAsync(["call", "start_vm", "--arg", "vmid=100", "--simulate", "--read-only"]), "read-only mode (PROXMOX_MCP_READONLY, --read-only)");

    [Fact]
    public async Task Call_WithToolOutsideTheSelection_SaysTheSelectionHidesItAndExits2() =>
        AssertOneCleanLine(await RunAsync(["call", "get_vm", "--arg", "vmid=100", "--simulate", "--tools", "nodes"]), "the tool selection (PROXMOX_MCP_TOOLS, --tools) does not include it or its toolset 'vms'");

    [Fact]
    public async Task Server_WhenCalledWithAnUnknownTool_RepliesInvalidParamsWithASuggestionAndLogsNoStackTrace()
    {
        var input = string.Join('\n',
            """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""",
            """{"jsonrpc":"2.0","method":"notifications/initialized"}""",
            """{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get_vmm","arguments":{}}}""") + "\n";

        var result = await RunAsync(["--simulate", "--log-level", "info"], standardInput: input);

        var reply = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Single(m => m["id"]?.GetValue<int>() == 2);
        Assert.Equal(-32602, reply["error"]?["code"]?.GetValue<int>());
        Assert.Contains("Did you mean get_vm or get_vms?", reply["error"]?["message"]?.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("get_vmm", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("End of stack trace", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_WithAName_ShowsItsArgumentsAndHowToCallIt()
    {
        var result = await RunAsync(["tools", "get_vm", "--simulate"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("vmid (integer, required)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("proxmox-mcp call get_vm --arg vmid=...", result.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tools_WithAnUnknownName_SaysDidYouMeanAndExits2() =>
        AssertOneCleanLine(await RunAsync(["tools", "clone_vmm"]), "Did you mean clone_vm?");

    [Theory]
    [InlineData("info")]
    [InlineData("warn")]
    [InlineData("none")]
    [InlineData("Information")]
    public async Task LogLevel_AcceptsTheBridgesNamesAndDotNetsNames(string level)
    {
        var result = await RunAsync(["tools", "--log-level", level]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task LogLevel_Unknown_IsAConfigurationError() =>
        AssertOneCleanLine(await RunAsync(["tools", "--log-level", "loud"]), "PROXMOX_MCP_LOG_LEVEL='loud' is not a log level");

    [Fact]
    public async Task DemoLive_WithoutAHost_IsAConfigurationError()
    {
        var result = await RunAsync(["demo", "--live"]);
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("PROXMOX_HOST is not set", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DemoLive_PassesHostPortAndTokenToTheServerAndFailsCleanly()
    {
        var port = StagedInstall.Invariant(FreePort.Next());
        var result = await RunAsync(
            ["demo", "--live", "--host", "127.0.0.1", "--port", port, "--token-id", "root@pam!mcp", "--fingerprint", new string('A', 64), "--timeout", "2"],
            new() { ["PROXMOX_TOKEN_SECRET"] = StagedInstall.Secret });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("(live cluster)", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", result.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardOutput + result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_PrintsEachProgressLineOnce()
    {
        var result = await RunAsync(["demo"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var progress = result.StandardOutput.Split('\n').Select(l => l.Trim()).ToList();
        Assert.Contains(progress, l => l.StartsWith("(progress)", StringComparison.Ordinal));
        for (var i = 1; i < progress.Count; i++)
        {
            Assert.False(progress[i].StartsWith("(progress)", StringComparison.Ordinal) && progress[i] == progress[i - 1], $"printed twice: {progress[i]}");
        }
    }

    [Theory]
    [InlineData("call", "get_nodes")]
    [InlineData("tools")]
    [InlineData("serve")]
    public async Task EnvFileThisUserCannotRead_IsOneConfigurationErrorLine(params string[] command)
    {
        Assert.SkipUnless(Environment.UserName == "root", "needs root to run the binary as another user (setpriv)");
        using var directory = new TemporaryDirectory();
        var envFile = Path.Combine(directory.Path, "proxmox-mcp.env");
        File.WriteAllText(envFile, "PROXMOX_HOST=pve1\nPROXMOX_TOKEN_SECRET=" + StagedInstall.Secret + "\n");
        File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        File.SetUnixFileMode(directory.Path, (UnixFileMode)0b111_101_101);
        string[] arguments = command[0] == "serve" ? ["--env-file", envFile, "--simulate"] : [.. command, "--env-file", envFile, "--simulate"];

        var result = await RunAs(arguments);

        AssertOneCleanLine(result, $"Cannot read the env file '{envFile}' (permission denied)");
        Assert.DoesNotContain(StagedInstall.Secret, result.StandardError, StringComparison.Ordinal);

        static Task<ProcessResult> RunAs(string[] arguments) => RunAsync(arguments, runAs: "65534");
    }

    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("proxmox-mcp-cli-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
