using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// Consent for destructive tools, shown on delete_pool with an empty pool: the confirm argument (missing, wrong, right)
/// and, for clients that can ask the user, the question (accepted, declined, cancelled, or not asked when the server is
/// told to use arguments). The SDK client negotiates 2026-07-28 unless told otherwise, so these questions travel as MRTR;
/// <see cref="ConfirmationProtocolTests"/> covers each protocol generation.
/// </summary>
public class ConfirmationTests
{
    [Fact]
    public async Task DestructiveTool_WithoutConfirm_ExplainsWhatHappensAndHowToConfirm()
    {
        await using var server = await StartWithEmptyPoolAsync();

        var result = await server.CallAsync("delete_pool", new { poolid = "scratch" });

        result.AssertError("Confirmation needed. This deletes the empty pool scratch");
        Assert.Contains("Ask the user; if they agree, call delete_pool again with the same arguments and confirm=\"scratch\".", result.Text(), StringComparison.Ordinal);
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task DestructiveTool_WithWrongConfirm_IsRefused()
    {
        await using var server = await StartWithEmptyPoolAsync();

        var result = await server.CallAsync("delete_pool", new { poolid = "scratch", confirm = "lab" });

        result.AssertError("confirm 'lab' does not match the target 'scratch'");
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task DestructiveTool_WithRightConfirm_IsDone()
    {
        await using var server = await StartWithEmptyPoolAsync();

        (await server.CallAsync("delete_pool", new { poolid = "scratch", confirm = " scratch " })).AssertSuccess();

        Assert.DoesNotContain("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task ElicitingClient_WhenTheUserAccepts_IsDone()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartWithEmptyPoolAsync(Answering(asked, "accept", true));

        (await server.CallAsync("delete_pool", new { poolid = "scratch" })).AssertSuccess();

        var question = Assert.Single(asked);
        Assert.Contains("This deletes the empty pool scratch", question.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("scratch", server.Cluster.Pools.Keys);
    }

    [Theory]
    [InlineData("decline", false, "the user declined in the client")]
    [InlineData("accept", false, "the user declined in the client")]
    [InlineData("cancel", false, "calling delete_pool again shows the question again; if their client never shows it, the server's operator can set PROXMOX_MCP_CONFIRM=auto")]
    public async Task ElicitingClient_WhenTheUserDoesNotConfirm_IsNotDoneAndToldWhatNext(string action, bool proceed, string message)
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartWithEmptyPoolAsync(Answering(asked, action, proceed));

        var result = await server.CallAsync("delete_pool", new { poolid = "scratch" });

        result.AssertError("Not done").AssertError(message);
        Assert.Single(asked);
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task ElicitingClient_WithModelSuppliedConfirm_StillAsksTheUser()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartWithEmptyPoolAsync(Answering(asked, "decline", false));

        (await server.CallAsync("delete_pool", new { poolid = "scratch", confirm = "scratch" })).AssertError("the user declined in the client");

        Assert.Single(asked);
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task AutoCancellingClient_InAutoMode_AcceptsConfirmGivenInTheConversationAfterTheCancel()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartWithEmptyPoolAsync(Answering(asked, "cancel", false), ConfirmationMode.Auto);
        (await server.CallAsync("delete_pool", new { poolid = "scratch" }))
            .AssertError("did not show the confirmation question (cancel)")
            .AssertError("Ask the user in the conversation whether to go ahead; if they agree, call delete_pool again with the same arguments and confirm=\"scratch\"");

        (await server.CallAsync("delete_pool", new { poolid = "scratch", confirm = "scratch" })).AssertSuccess();

        Assert.Single(asked);
        Assert.DoesNotContain("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task AutoCancellingClient_InClientMode_NeverAcceptsConfirmInstead()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartWithEmptyPoolAsync(Answering(asked, "cancel", false));
        (await server.CallAsync("delete_pool", new { poolid = "scratch" })).AssertError("confirm cannot stand in for it");

        var retried = await server.CallAsync("delete_pool", new { poolid = "scratch", confirm = "scratch" });

        retried.AssertError("Not done: the user did not confirm in the client (cancel)").AssertError("PROXMOX_MCP_CONFIRM=auto");
        Assert.Equal(2, asked.Count);
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task ClientThatNeverAnswers_GetsAReplyWithinTheConfirmTimeout()
    {
        var client = new McpClientOptions
        {
            // Under 2025-xx the server waits for the answer (elicitation/create); under 2026-07-28 it waits for nothing (MRTR).
            ProtocolVersion = "2025-06-18",
            Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
            Handlers = new McpClientHandlers
            {
                ElicitationHandler = async (_, cancellationToken) =>
                {
                    // Like a client that declares elicitation and then hangs; it "accepts" only after the server's timeout,
                    // so the outcome shows which came first. (The SDK client reads nothing else while its handler runs.)
                    await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
                    return new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(true) } };
                },
            },
        };
        await using var server = await SimulatedServer.StartAsync(s => s with { ConfirmTimeout = TimeSpan.FromSeconds(1) }, clientOptions: client);
        (await server.CallAsync("create_pool", new { poolid = "scratch" })).AssertSuccess();

        var started = DateTimeOffset.UtcNow;

        var result = await server.CallAsync("delete_pool", new { poolid = "scratch" });

        result.AssertError("no answer in 1 s").AssertError("PROXMOX_MCP_CONFIRM=auto");
        var written = Assert.Single(server.Wire.Lines, l => l.Line.Contains("no answer in 1 s", StringComparison.Ordinal)).At;
        // The timer and the wall clock differ by milliseconds (a 1 s delay was measured as 0.9992 s), hence 0.95.
        Assert.InRange(written - started, TimeSpan.FromSeconds(0.95), TimeSpan.FromSeconds(2.5));
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task ElicitingClient_WhenServerRequiresTheArgument_GetsInstructionsInstead()
    {
        var asked = new List<ElicitRequestParams>();
        await using var server = await StartWithEmptyPoolAsync(Answering(asked, "accept", true), ConfirmationMode.Argument);

        var result = await server.CallAsync("delete_pool", new { poolid = "scratch" });

        result.AssertError("confirm=\"scratch\"");
        Assert.Empty(asked);
        Assert.Contains("scratch", server.Cluster.Pools.Keys);
    }

    private static McpClientOptions Answering(List<ElicitRequestParams> asked, string action, bool proceed) => new()
    {
        Capabilities = new ClientCapabilities { Elicitation = new ElicitationCapability() },
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                lock (asked)
                {
                    asked.Add(request!);
                }

                return ValueTask.FromResult(new ElicitResult
                {
                    Action = action,
                    Content = action == "accept" ? new Dictionary<string, JsonElement> { ["confirm"] = JsonSerializer.SerializeToElement(proceed) } : null,
                });
            },
        },
    };

    private static async Task<SimulatedServer> StartWithEmptyPoolAsync(McpClientOptions? client = null, ConfirmationMode mode = ConfirmationMode.Client)
    {
        var server = await SimulatedServer.StartAsync(s => s with { Confirmation = mode }, clientOptions: client);
        (await server.CallAsync("create_pool", new { poolid = "scratch" })).AssertSuccess();
        return server;
    }
}
