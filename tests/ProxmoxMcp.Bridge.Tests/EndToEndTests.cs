using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ProxmoxMcp.Bridge.Tests.Infrastructure;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>
/// The SDK's MCP client -> the published bridge -> socat TCP-LISTEN -> the Native AOT server (--simulate).
/// Written against generic MCP behaviour so they keep working as the server grows tools.
/// </summary>
public sealed class EndToEndTests : IAsyncLifetime
{
    private SocatListener socat = null!;

    public async ValueTask InitializeAsync()
    {
        var server = await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken);
        socat = await SocatListener.StartAsync($"{server} --simulate", cancellationToken: TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync() => await socat.DisposeAsync();

    /// <param name="protocolVersion">2025-06-18 for the initialize handshake Claude Desktop uses; 2026-07-28 for the stateless protocol.</param>
    private async Task<McpClient> ConnectAsync(LogCapture log, string? protocolVersion = null) =>
        await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = "proxmox-bridge",
                Command = await PublishedBinaries.BridgeAsync(),
                Arguments = ["--port", socat.Port.ToString(CultureInfo.InvariantCulture), "--log-level", "trace", "--max-backoff", "200ms"],
                EnvironmentVariables = new Dictionary<string, string?> { ["MCP_HOST"] = "127.0.0.1" },
                StandardErrorLines = line => log.WriteLine(line),
            }),
            new McpClientOptions { ProtocolVersion = protocolVersion },
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>get_nodes if the server has it, else the first tool that says it only reads.</summary>
    private static async Task<McpClientTool> ReadOnlyToolAsync(McpClient client)
    {
        var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEmpty(tools);
        return tools.FirstOrDefault(t => t.Name == "get_nodes")
            ?? tools.FirstOrDefault(t => t.ProtocolTool.Annotations?.ReadOnlyHint == true)
            ?? throw new InvalidOperationException($"no read-only tool among {string.Join(", ", tools.Select(t => t.Name))}");
    }

    [Fact]
    public async Task EndToEnd_SdkClientThroughBridgeAndSocat_ListsToolsAndCallsAReadOnlyTool()
    {
        var log = new LogCapture();
        await using var client = await ConnectAsync(log);

        var tool = await ReadOnlyToolAsync(client);
        var result = await client.CallToolAsync(tool.Name, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        Assert.NotEmpty(result.Content);
        Assert.Equal("proxmox-mcp", client.ServerInfo?.Name);
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2026-07-28")]
    public async Task EndToEnd_WhenServerProcessIsKilledMidCall_ReadOnlyCallIsAnsweredByTheNextProcessAndTheDestructiveOneGetsAnError(string protocolVersion)
    {
        var log = new LogCapture();
        await using var client = await ConnectAsync(log, protocolVersion);
        var tool = await ReadOnlyToolAsync(client);
        await client.CallToolAsync(tool.Name, cancellationToken: TestContext.Current.CancellationToken);
        var victim = Assert.Single(ServerProcesses.Of(socat));

        // Freeze the server so the next calls are surely in flight, then kill it.
        await ServerProcesses.SignalAsync(victim, "STOP");
        var readOnly = client.CallToolAsync(tool.Name, cancellationToken: TestContext.Current.CancellationToken).AsTask();
        var destructive = client.CallToolAsync(
            "delete_vm", new Dictionary<string, object?> { ["vmid"] = 106, ["confirm"] = "106" }, cancellationToken: TestContext.Current.CancellationToken).AsTask();
        await log.WaitForAsync("bridge -> server #1: request tools/call", occurrences: 3);
        await ServerProcesses.SignalAsync(victim, "KILL");

        var error = await Assert.ThrowsAnyAsync<McpException>(() => destructive.WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken));
        Assert.Contains("connection to the MCP server was lost", error.Message, StringComparison.Ordinal);
        var answered = await readOnly.WaitAsync(TestTimeouts.Step, TestContext.Current.CancellationToken);
        Assert.NotEqual(true, answered.IsError);
        Assert.Contains("1 call(s) of read-only tools will be sent again", log.Text, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(log.Text, "bridge -> server #2: request tools/call"));

        var after = await client.CallToolAsync(tool.Name, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, after.IsError);
        if (protocolVersion == "2025-06-18")
        {
            // The legacy handshake is replayed to the fresh server process; the stateless protocol needs none.
            await log.WaitForAsync("accepted the replayed initialize");
        }
        else
        {
            Assert.DoesNotContain("replaying", log.Text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(victim, ServerProcesses.Of(socat));
        Assert.Single(ServerProcesses.Of(socat));
    }

    private static int Occurrences(string text, string fragment)
    {
        var count = 0;
        for (var at = text.IndexOf(fragment, StringComparison.Ordinal); at >= 0; at = text.IndexOf(fragment, at + fragment.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
