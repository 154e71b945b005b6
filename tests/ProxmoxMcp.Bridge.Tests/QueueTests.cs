using System.Text.Json.Nodes;
using ProxmoxMcp.Bridge.Tests.Infrastructure;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>While the server is unreachable, client messages wait in a bounded queue with a deadline.</summary>
public sealed class QueueTests
{
    [Fact]
    public async Task Bridge_WhenQueueIsFull_RepliesWithErrorToRequestsBeyondTheBoundAndDeliversTheRest()
    {
        await using var server = FakeMcpServer.NotYetListening();
        var settings = InProcessBridge.Settings(server.Port) with { QueueMaxMessages = 3, QueueDeadline = TimeSpan.FromMinutes(5) };
        await using var bridge = InProcessBridge.Start(settings);
        for (var i = 1; i <= 3; i++)
        {
            await bridge.SendAsync(Json.Call(i, "echo", new JsonObject { ["text"] = $"kept {i}" }));
        }

        await bridge.SendAsync(Json.Call(4, "echo", new JsonObject { ["text"] = "one too many" }));
        await bridge.SendAsync(Json.Notification("notifications/dropped"));
        var refused = await bridge.ReadAsync();
        Assert.True(refused.HasId(4), refused.ToJsonString());
        Assert.Contains("queue is full", refused.ErrorMessage(), StringComparison.Ordinal);
        await bridge.Log.WaitForAsync("dropping the client's notification notifications/dropped");

        server.Resume();
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal($"kept {i}", (await bridge.ReadAsync()).ResultText());
        }
    }

    [Fact]
    public async Task Bridge_WhenQueueBytesAreExceeded_RefusesTheRequestThatDoesNotFit()
    {
        await using var server = FakeMcpServer.NotYetListening();
        var settings = InProcessBridge.Settings(server.Port) with { QueueMaxBytes = 1000, QueueDeadline = TimeSpan.FromMinutes(5) };
        await using var bridge = InProcessBridge.Start(settings);
        await bridge.SendAsync(Json.Call(1, "echo", new JsonObject { ["text"] = new string('a', 600) }));
        await bridge.SendAsync(Json.Call(2, "echo", new JsonObject { ["text"] = new string('b', 600) }));

        var refused = await bridge.ReadAsync();
        Assert.True(refused.HasId(2), refused.ToJsonString());
        Assert.Contains("queue is full", refused.ErrorMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_WhenServerStaysUnreachablePastDeadline_RepliesWithErrorNamingTheCause()
    {
        await using var server = FakeMcpServer.NotYetListening();
        var settings = InProcessBridge.Settings(server.Port) with { QueueDeadline = TimeSpan.FromMilliseconds(300) };
        await using var bridge = InProcessBridge.Start(settings);

        await bridge.SendAsync(Json.Initialize(1));
        var error = await bridge.ReadAsync();

        Assert.True(error.HasId(1), error.ToJsonString());
        Assert.Equal(-32000, error.ErrorCode());
        Assert.Contains("could not be reached within 0.3 s", error.ErrorMessage(), StringComparison.Ordinal);
        Assert.Contains("connection refused", error.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal("queue_deadline", error["error"]?["data"]?["reason"]?.GetValue<string>());
    }
}
