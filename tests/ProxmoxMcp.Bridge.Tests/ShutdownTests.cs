using System.Text.Json.Nodes;
using ProxmoxMcp.Bridge.Tests.Infrastructure;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>How the bridge ends: at end of input, on a signal.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Bridge_WhenStdinCloses_WaitsForPendingReplyThenExitsZero()
    {
        await using var server = FakeMcpServer.Start();
        var release = new TaskCompletionSource();
        server.Intercept = async (connection, message) =>
        {
            if (message["params"]?["name"]?.GetValue<string>() != "slow")
            {
                return false;
            }

            await release.Task;
            await connection.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = message["id"]!.DeepClone(), ["result"] = new JsonObject() }.ToJsonString());
            return true;
        };
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port) with { DrainTimeout = TimeSpan.FromMinutes(1) });
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);
        await bridge.SendAsync(Json.Call(2, "slow"));
        await connection.WaitForAsync(m => m.HasId(2));

        bridge.CloseStdin();
        await bridge.Log.WaitForAsync("standard input closed");
        release.SetResult();

        var reply = await bridge.ReadAsync();
        Assert.True(reply.HasId(2), reply.ToJsonString());
        Assert.NotNull(reply["result"]);
        Assert.Equal(0, await bridge.WaitForExitAsync());
    }

    [Fact]
    public async Task Bridge_WhenStdinClosesAndReplyNeverComes_AnswersWithErrorAfterDrainTimeoutAndExitsZero()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port) with { DrainTimeout = TimeSpan.FromMilliseconds(200) });
        var connection = await server.NextConnectionAsync();
        await bridge.InitializeAsync(1);
        await bridge.SendAsync(Json.Call(2, "hang"));
        await connection.WaitForAsync(m => m.HasId(2));

        bridge.CloseStdin();

        var error = await bridge.ReadAsync();
        Assert.True(error.HasId(2), error.ToJsonString());
        Assert.Contains("standard input was closed", error.ErrorMessage(), StringComparison.Ordinal);
        Assert.Equal(0, await bridge.WaitForExitAsync());
    }

    [Fact]
    public async Task Bridge_WhenStdinClosesWithUnterminatedCompleteMessage_StillDeliversIt()
    {
        await using var server = FakeMcpServer.Start();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var connection = await server.NextConnectionAsync();

        await bridge.SendRawAsync(System.Text.Encoding.UTF8.GetBytes(Json.Initialize(1)));
        bridge.CloseStdin();

        Assert.True((await bridge.ReadAsync()).HasId(1));
        Assert.Equal(0, await bridge.WaitForExitAsync());
        Assert.Single(connection.Received);
    }
}
