using System.Text.Json.Nodes;
using ProxmoxMcp.Bridge.Tests.Infrastructure;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>Links that break: the client gets an answer for everything in flight and carries on with a working session.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task Bridge_WhenServerDropsMidRequest_RepliesWithErrorAndReconnects()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var first = await server.NextConnectionAsync();
        var init = await bridge.InitializeAsync(1);
        Assert.Equal("connection-1", init["result"]?["serverInfo"]?["version"]?.GetValue<string>());
        await first.WaitForMethodAsync("notifications/initialized");

        await bridge.SendAsync(Json.Call(2, "hang"));
        await first.WaitForAsync(m => m.HasId(2));
        first.Abort();

        var error = await bridge.ReadAsync();
        Assert.True(error.HasId(2), error.ToJsonString());
        Assert.Equal(-32000, error.ErrorCode());
        Assert.Contains("connection to the MCP server was lost", error.ErrorMessage(), StringComparison.Ordinal);
        Assert.Contains("may or may not have run", error.ErrorMessage(), StringComparison.Ordinal);

        var second = await server.NextConnectionAsync();
        var replayed = await second.WaitForMethodAsync("initialize");
        Assert.StartsWith("mcp-bridge-", replayed["id"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("bridge-tests", replayed["params"]?["clientInfo"]?["name"]?.GetValue<string>());
        await second.WaitForMethodAsync("notifications/initialized");

        await bridge.SendAsync(Json.Call(3, "echo", new JsonObject { ["text"] = "after reconnect" }));
        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(3), $"the replayed initialize's reply must be swallowed, got {reply.ToJsonString()}");
        Assert.Equal("after reconnect", reply.ResultText());
        Assert.Equal(["initialize", "notifications/initialized", "tools/call"], second.Received.Select(m => m.Method()));
    }

    [Fact]
    public async Task Bridge_WhenServerRestartsBetweenRequests_QueuesTheNextRequestAndDeliversItToTheNewServer()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        await bridge.InitializeAsync(1);
        await bridge.SendAsync(Json.Call(2, "echo", new JsonObject { ["text"] = "before" }));
        Assert.Equal("before", (await bridge.ReadAsync()).ResultText());

        server.StopListening();
        await bridge.Log.WaitForAsync("connection #1 lost");
        await bridge.SendAsync(Json.Call(3, "echo", new JsonObject { ["text"] = "while down" }));
        await bridge.Log.WaitForAsync("attempt 1 failed");
        server.Resume();

        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(3), reply.ToJsonString());
        Assert.Equal("while down", reply.ResultText());
        Assert.Contains("replaying the client's initialize", bridge.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_WhenServerAcceptsButNeverAnswers_DetectsDeadLinkByPingAndReconnects()
    {
        await using var server = FakeMcpServer.Start();
        var settings = InProcessBridge.Settings(server.Port) with { IdlePing = TimeSpan.FromMilliseconds(200), PingTimeout = TimeSpan.FromSeconds(1) };
        await using var bridge = InProcessBridge.Start(settings);
        var first = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);
        await first.WaitForMethodAsync("notifications/initialized");
        first.Silent = true;

        await bridge.SendAsync(Json.Call(2, "echo", new JsonObject { ["text"] = "into the void" }));
        var error = await bridge.ReadAsync();
        Assert.True(error.HasId(2), error.ToJsonString());
        Assert.Contains("no reply to a ping", error.ErrorMessage(), StringComparison.Ordinal);
        var ping = await first.WaitForMethodAsync("ping");
        Assert.StartsWith("mcp-bridge-", ping["id"]!.GetValue<string>(), StringComparison.Ordinal);

        await server.NextConnectionAsync();
        await bridge.SendAsync(Json.Call(3, "echo", new JsonObject { ["text"] = "alive again" }));
        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(3), reply.ToJsonString());
        Assert.Equal("alive again", reply.ResultText());
    }

    [Fact]
    public async Task Bridge_WhenLinkIsIdle_PingsAndSwallowsThePingReply()
    {
        await using var server = FakeMcpServer.Start();
        var settings = InProcessBridge.Settings(server.Port) with { IdlePing = TimeSpan.FromMilliseconds(100), PingTimeout = TimeSpan.FromSeconds(20) };
        await using var bridge = InProcessBridge.Start(settings);
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);
        await connection.WaitForAsync(m => m.Method() == "ping");
        await connection.WaitForAsync(m => m.Method() == "ping" && m.IdText() != connection.Received.First(p => p.Method() == "ping").IdText());

        await bridge.SendAsync(Json.Call(2, "echo", new JsonObject { ["text"] = "no pong for me" }));
        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(2), $"ping replies must not reach the client, got {reply.ToJsonString()}");
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Bridge_WhenStatelessServerAnswersPingWithMethodNotFound_KeepsTheLink()
    {
        // MCP 2026-07-28 removed ping; an error reply still proves the server is alive.
        await using var server = FakeMcpServer.Start();
        server.Intercept = async (connection, message) =>
        {
            if (message.Method() != "ping")
            {
                return false;
            }

            await connection.SendAsync(new JsonObject
            {
                ["jsonrpc"] = "2.0",
                ["id"] = message["id"]!.DeepClone(),
                ["error"] = new JsonObject { ["code"] = -32601, ["message"] = "Method not found: ping" },
            }.ToJsonString());
            return true;
        };
        var settings = InProcessBridge.Settings(server.Port) with { IdlePing = TimeSpan.FromMilliseconds(100), PingTimeout = TimeSpan.FromSeconds(5) };
        await using var bridge = InProcessBridge.Start(settings);
        var connection = await server.NextConnectionAsync();
        await connection.WaitForAsync(m => m.Method() == "ping" && m["id"]!.GetValue<string>().EndsWith("-3", StringComparison.Ordinal));

        await bridge.SendAsync(Json.Call(1, "echo", new JsonObject { ["text"] = "still here" }));
        Assert.Equal("still here", (await bridge.ReadAsync()).ResultText());
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Bridge_StartedBeforeServer_DeliversQueuedInitializeWhenServerComesUp()
    {
        await using var server = FakeMcpServer.NotYetListening();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port) with { QueueDeadline = TimeSpan.FromMinutes(5) });
        await bridge.SendAsync(Json.Initialize(1));
        await bridge.Log.WaitForAsync("attempt 2 failed");
        server.Resume();

        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(1), reply.ToJsonString());
        Assert.Equal("connection-1", reply["result"]?["serverInfo"]?["version"]?.GetValue<string>());
    }

    [Fact]
    public async Task Bridge_WhenInitializeIsInFlightDuringDrop_SendsItAgainAndForwardsTheNewReply()
    {
        await using var server = FakeMcpServer.Start();
        server.Intercept = (connection, message) => Task.FromResult(connection.Number == 1 && message.Method() == "initialize");
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        await bridge.SendAsync(Json.Initialize(1));
        var first = await server.NextConnectionAsync();
        await first.WaitForMethodAsync("initialize");
        first.Abort();

        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(1), reply.ToJsonString());
        Assert.Equal("connection-2", reply["result"]?["serverInfo"]?["version"]?.GetValue<string>());
    }

    [Fact]
    public async Task Bridge_WhenServerAsksTheClient_PassesRequestThroughAndTheAnswerBack()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);

        const string elicitation = """{"jsonrpc":"2.0","id":7,"method":"elicitation/create","params":{"message":"Sure?","requestedSchema":{"type":"object"}}}""";
        await connection.SendAsync(elicitation);
        Assert.Equal(elicitation, await bridge.ReadLineAsync());
        await connection.SendAsync("""{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"hello"}}""");
        Assert.Equal("notifications/message", (await bridge.ReadAsync()).Method());

        const string answer = """{"jsonrpc":"2.0","id":7,"result":{"action":"accept","content":{}}}""";
        await bridge.SendAsync(answer);
        await connection.WaitForAsync(m => m.HasId(7) && m["result"] is not null);
        Assert.Contains(answer, connection.ReceivedRaw);
    }

    [Fact]
    public async Task Bridge_WhenLinkDropsWithServerRequestOpen_CancelsItTowardsTheClientAndDropsTheLateAnswer()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var first = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);
        await first.WaitForMethodAsync("notifications/initialized");
        await first.SendAsync("""{"jsonrpc":"2.0","id":9,"method":"sampling/createMessage","params":{"messages":[],"maxTokens":1}}""");
        Assert.Equal("sampling/createMessage", (await bridge.ReadAsync()).Method());

        first.Abort();
        var cancelled = await bridge.ReadAsync();
        Assert.Equal("notifications/cancelled", cancelled.Method());
        Assert.Equal("9", cancelled["params"]?["requestId"]?.ToJsonString());

        await bridge.SendAsync("""{"jsonrpc":"2.0","id":9,"result":{"role":"assistant","content":{"type":"text","text":"late"},"model":"m"}}""");
        await bridge.Log.WaitForAsync("dropping the client's result for id 9");
        var second = await server.NextConnectionAsync();
        await bridge.SendAsync(Json.Call(2, "echo", new JsonObject { ["text"] = "ok" }));
        Assert.Equal("ok", (await bridge.ReadAsync()).ResultText());
        Assert.DoesNotContain(second.Received, m => m.HasId(9));
    }

    [Fact]
    public async Task Bridge_WhenRetriesAreExhausted_AnswersQueuedRequestsAndExitsWithCode3()
    {
        await using var server = FakeMcpServer.NotYetListening();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port) with { MaxRetries = 2, QueueDeadline = TimeSpan.FromMinutes(5) });
        await bridge.SendAsync(Json.Initialize(1));

        var error = await bridge.ReadAsync();
        Assert.True(error.HasId(1), error.ToJsonString());
        Assert.Contains("connection refused", error.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal(3, await bridge.WaitForExitAsync());
        Assert.Contains("giving up after 3 attempt(s)", bridge.Log.Text, StringComparison.Ordinal);
    }
}
