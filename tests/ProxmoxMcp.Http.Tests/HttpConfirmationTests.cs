using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace ProxmoxMcp.Http.Tests;

public sealed class HttpConfirmationTests
{
    [Fact]
    public async Task AutoCancellingSession_RelaxesConsentForItselfOnly()
    {
        await using var server = await HttpTestServer.StartAsync();
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
    public async Task StatelessRequest_CannotAsk_SoConfirmArgumentIsTheConsent()
    {
        await using var server = await HttpTestServer.StartAsync();
        var options = new McpClientOptions
        {
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers { ElicitationHandler = (_, _) => ValueTask.FromResult(new ElicitResult { Action = "accept" }) },
        };
        await using var client = await server.ConnectAsync(HttpTestServer.Admin, options);
        var ct = TestContext.Current.CancellationToken;

        var unconfirmed = await client.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100 }, cancellationToken: ct);
        var confirmed = await client.CallToolAsync("stop_vm", new Dictionary<string, object?> { ["vmid"] = 100, ["confirm"] = "100" }, cancellationToken: ct);

        Assert.True(unconfirmed.IsError, Text(unconfirmed));
        Assert.Contains("Confirmation needed", Text(unconfirmed), StringComparison.Ordinal);
        Assert.NotEqual(true, confirmed.IsError);
    }

    private static string Text(CallToolResult result) => string.Join(" ", result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
