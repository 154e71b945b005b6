using System.Text;
using System.Text.Json.Nodes;
using ProxmoxMcp.Bridge.Tests.Infrastructure;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>Volume and framing: big messages, many messages, odd line endings, over-long lines.</summary>
public sealed class TrafficTests
{
    [Fact]
    public async Task Bridge_CarriesTenMegabyteMessagesBothWaysIntact()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);
        var text = string.Create(10 * 1024 * 1024, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = (char)('a' + (i % 26));
            }
        });

        var request = Json.Call(2, "echo", new JsonObject { ["text"] = text });
        await bridge.SendAsync(request);
        var reply = await bridge.ReadAsync();

        Assert.Equal(text, reply.ResultText());
        Assert.Contains(request, connection.ReceivedRaw);
    }

    [Fact]
    public async Task Bridge_ForwardsTenThousandMessagesWithoutLossOrReordering()
    {
        const int count = 10_000;
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(0);

        var batch = new StringBuilder();
        for (var i = 1; i <= count; i++)
        {
            batch.Append(Json.Call(i, "echo", new JsonObject { ["text"] = $"message {i}" })).Append('\n');
        }

        var sending = bridge.SendRawAsync(Encoding.UTF8.GetBytes(batch.ToString()));
        for (var i = 1; i <= count; i++)
        {
            var reply = await bridge.ReadAsync();
            Assert.True(reply.HasId(i), $"expected reply {i}, got {reply.ToJsonString()}");
            Assert.Equal($"message {i}", reply.ResultText());
        }

        await sending;
        var calls = connection.Received.Where(m => m.Method() == "tools/call").Select(m => m["id"]!.GetValue<int>());
        Assert.Equal(Enumerable.Range(1, count), calls);
    }

    [Fact]
    public async Task Bridge_AcceptsCrLfLineEndingsAndSkipsBlankLines()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var connection = await server.NextConnectionAsync();

        await bridge.SendRawAsync(Encoding.UTF8.GetBytes("\r\n" + Json.Initialize(1) + "\r\n\n"));
        var reply = await bridge.ReadAsync();

        Assert.True(reply.HasId(1));
        Assert.Equal([Json.Initialize(1)], connection.ReceivedRaw);
    }

    [Fact]
    public async Task Bridge_WhenClientRequestExceedsLimit_RepliesWithErrorAndKeepsGoing()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port) with { MaxMessageBytes = 4096 });
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);

        // The id comes last, as Claude Desktop's client writes it: the bridge must find it without holding the line.
        var huge = "{\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"" + new string('x', 20_000) + "\"}},\"jsonrpc\":\"2.0\",\"id\":\"big-one\"}";
        await bridge.SendAsync(huge);
        await bridge.SendAsync(Json.Notification("notifications/too-big-" + new string('y', 8000)));
        await bridge.SendAsync(Json.Call(3, "echo", new JsonObject { ["text"] = "small" }));

        var error = await bridge.ReadAsync();
        Assert.True(error.HasId("big-one"), error.ToJsonString());
        Assert.Equal(-32600, error.ErrorCode());
        Assert.Contains("exceeds the bridge's limit of 4096 bytes", error.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal("small", (await bridge.ReadAsync()).ResultText());
        Assert.DoesNotContain(connection.Received, m => m.HasId("big-one") || (m.Method() ?? "").StartsWith("notifications/too-big", StringComparison.Ordinal));
        Assert.Contains("dropped a client message of", bridge.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_WhenServerReplyExceedsLimit_AnswersThatRequestWithAnError()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port) with { MaxMessageBytes = 4096 });
        await bridge.InitializeAsync(1);

        await bridge.SendAsync(Json.Call(2, "big", new JsonObject { ["size"] = 10_000 }));
        var error = await bridge.ReadAsync();
        Assert.True(error.HasId(2), error.ToJsonString());
        Assert.Contains("exceeds the bridge's limit", error.ErrorMessage(), StringComparison.Ordinal);

        await bridge.SendAsync(Json.Call(3, "big", new JsonObject { ["size"] = 100 }));
        Assert.Equal(100, (await bridge.ReadAsync()).ResultText()!.Length);
    }
}
