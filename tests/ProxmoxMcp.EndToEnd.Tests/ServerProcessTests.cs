using System.Diagnostics;
using System.Text.Json.Nodes;
using ProxmoxMcp.EndToEnd.Tests.Support;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.EndToEnd.Tests;

/// <summary>
/// The published Native AOT server as socat runs it, one process per connection: it must end by itself when its
/// stdin closes (socat does not kill it; an orphan would live on), and it must run under the unit's hardening.
/// </summary>
public sealed class ServerProcessTests
{
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<Process> StartServerAsync(params string[] arguments)
    {
        var psi = new ProcessStartInfo(await PublishedBinaries.ServerAsync(Token))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        return Process.Start(psi)!;
    }

    private static async Task AssertExitsCleanlyAsync(Process server)
    {
        var stderr = server.StandardError.ReadToEndAsync(Token);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(ExitBound);
        try
        {
            await server.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!Token.IsCancellationRequested)
        {
            server.Kill(entireProcessTree: true);
            Assert.Fail($"the server was still running {ExitBound.TotalSeconds} s after its stdin closed");
        }

        Assert.True(server.ExitCode == 0, $"exit {server.ExitCode}: {await stderr}");
        Assert.Empty(ProcessTree.Descendants(server.Id));
    }

    [Fact]
    public async Task Server_WhenStdinClosesAfterASession_ExitsAtOnceWithCodeZero()
    {
        using var server = await StartServerAsync("--simulate");
        await server.StandardInput.WriteLineAsync(McpConnection.Initialize.AsMemory(), Token);
        await server.StandardInput.FlushAsync(Token);
        var reply = JsonNode.Parse((await server.StandardOutput.ReadLineAsync(Token))!)!;
        Assert.Equal("proxmox-mcp", reply["result"]!["serverInfo"]!["name"]!.GetValue<string>());
        Assert.Empty(ProcessTree.Descendants(server.Id)); // it starts no helper processes that could be orphaned
        server.StandardInput.Close();
        Assert.Equal("", await server.StandardOutput.ReadToEndAsync(Token));
        await AssertExitsCleanlyAsync(server);
    }

    [Fact]
    public async Task Server_WhenStdinClosesBeforeAnyInput_ExitsAtOnceWithCodeZero()
    {
        using var server = await StartServerAsync("--simulate");
        server.StandardInput.Close();
        await AssertExitsCleanlyAsync(server);
    }

    [Fact]
    public async Task Server_WhenStdinClosesRightAfterRequests_AnswersThemAndExits()
    {
        using var server = await StartServerAsync("--simulate");
        await server.StandardInput.WriteAsync((McpConnection.Initialize + "\n" + McpConnection.Initialized + "\n" + McpConnection.ListTools + "\n").AsMemory(), Token);
        server.StandardInput.Close();
        var lines = (await server.StandardOutput.ReadToEndAsync(Token)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([1, 2], lines.Select(l => JsonNode.Parse(l)!["id"]!.GetValue<int>()).Order());
        await AssertExitsCleanlyAsync(server);
    }

    [Fact]
    public async Task Server_OnSigterm_StopsPromptly()
    {
        using var server = await StartServerAsync("--simulate");
        await server.StandardInput.WriteLineAsync(McpConnection.Initialize.AsMemory(), Token);
        await server.StandardInput.FlushAsync(Token);
        Assert.NotNull(await server.StandardOutput.ReadLineAsync(Token));
        var kill = await ProcessRunner.RunAsync("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], ExitBound, cancellationToken: Token);
        Assert.Equal(0, kill.ExitCode);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(ExitBound);
        await server.WaitForExitAsync(deadline.Token);
    }

    /// <summary>
    /// The unit sets MemoryDenyWriteExecute=yes. Linux's PR_SET_MDWE (6.3+) enforces the same rule on a process and
    /// its children; the server must serve a session under it (a JIT would need writable+executable memory).
    /// </summary>
    [Fact]
    public async Task Server_ServesUnderMemoryDenyWriteExecute()
    {
        var server = await PublishedBinaries.ServerAsync(Token);
        const string Launcher = """
            import ctypes, os, sys
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
                sys.exit(77)
            os.execv(sys.argv[1], sys.argv[1:])
            """;
        var input = McpConnection.Initialize + "\n" + McpConnection.Initialized + "\n" + McpConnection.ListTools + "\n";
        var run = await ProcessRunner.RunAsync("python3", ["-c", Launcher, server, "--simulate"], TimeSpan.FromSeconds(60), standardInput: input, cancellationToken: Token);
        if (run.ExitCode == 77)
        {
            Assert.Skip("this kernel has no PR_SET_MDWE (Linux < 6.3): MemoryDenyWriteExecute cannot be tried without systemd");
        }

        Assert.True(run.ExitCode == 0, run.ToString());
        var tools = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).Single(r => r["id"]?.GetValue<int>() == 2);
        Assert.NotEmpty(tools["result"]!["tools"]!.AsArray());

        // The same launcher does stop a writable+executable mapping, so the test would notice a server that needed one.
        var control = await ProcessRunner.RunAsync(
            "python3",
            ["-c", Launcher, "/usr/bin/env", "python3", "-c", "import mmap; mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)"],
            TimeSpan.FromSeconds(30), cancellationToken: Token);
        Assert.NotEqual(0, control.ExitCode);
        Assert.Contains("PermissionError", control.StandardError, StringComparison.Ordinal);
    }
}
