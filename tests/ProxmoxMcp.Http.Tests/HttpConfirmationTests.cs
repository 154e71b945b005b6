using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpConfirmationTests
{
    [Fact]
    public async Task AutoCancellingSession_InAutoMode_RelaxesConsentForItselfOnly()
    {
        await using var server = await HttpTestServer.StartAsync(s => s with { Confirmation = ConfirmationMode.Auto });
        var asked = 0;
        var cancelling = new McpClientOptions
        {
            // The initialize handshake: a session, in which the server can ask (2026-07-28 requests are stateless).
            ProtocolVersion = "2025-11-25",
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) =>
                {
                    Interlocked.Increment(ref asked);
                    return ValueTask.FromResult(new ElicitResult { Action = "cancel" });
                },
            },
        };
        await using var first = await server.ConnectAsync(HttpTestServer.Admin, cancelling);
        await using var second = await server.ConnectAsync(HttpTestServer.Admin, cancelling);
        var ct = TestContext.Current.CancellationToken;

        var cancelled = await first.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100 }, cancellationToken: ct);
        var otherSession = await second.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100, ["confirm"] = "100" }, cancellationToken: ct);

        Assert.True(cancelled.IsError, Text(cancelled));
        Assert.Contains("did not show the confirmation question (cancel)", Text(cancelled), StringComparison.Ordinal);
        Assert.True(otherSession.IsError, "the second session must be asked too (consent is per session): " + Text(otherSession));
        Assert.Equal(2, asked);
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "POST" && e.Path.Contains("/status/stop", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatelessRequest_OfA20260728Client_AsksTheUserThroughMrtr()
    {
        await using var server = await HttpTestServer.StartAsync();
        var asked = 0;
        var options = new McpClientOptions
        {
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = (_, _) =>
                {
                    Interlocked.Increment(ref asked);
                    return ValueTask.FromResult(new ElicitResult
                    {
                        Action = "accept",
                        Content = new Dictionary<string, System.Text.Json.JsonElement> { ["confirm"] = System.Text.Json.JsonSerializer.SerializeToElement(true) },
                    });
                },
            },
        };
        await using var client = await server.ConnectAsync(HttpTestServer.Admin, options);

        var result = await client.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100 }, cancellationToken: TestContext.Current.CancellationToken);

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(1, asked);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Method == "POST" && e.Path.EndsWith("/qemu/100/status/stop", StringComparison.Ordinal));
    }

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
