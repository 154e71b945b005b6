using System.Text.Json.Nodes;
using ProxmoxMcp.Bridge.Tests.Infrastructure;

namespace ProxmoxMcp.Bridge.Tests;

/// <summary>
/// MCP 2026-07-28 sessions (no initialize to replay) across a dropped link: a tools/call of a tool the server declared
/// read-only (tools/list annotations seen by the bridge) is sent again to the next server process and answered; any
/// other call gets the connection-lost error, as it may have run, and is never sent twice.
/// </summary>
public sealed class ResendTests
{
    private static readonly JsonObject Meta = new()
    {
        ["io.modelcontextprotocol/protocolVersion"] = "2026-07-28",
        ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        ["io.modelcontextprotocol/clientInfo"] = new JsonObject { ["name"] = "bridge-tests", ["version"] = "1.0" },
    };

    [Fact]
    public async Task Bridge_WhenLinkDropsWithCallsInFlight_SendsTheReadOnlyCallAgainAndFailsTheDestructiveOne()
    {
        await using var server = StartServerWithAnnotatedTools();
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var first = await server.NextConnectionAsync();
        await bridge.SendAsync(Json.Request(1, "tools/list", new JsonObject { ["_meta"] = Meta.DeepClone() }));
        Assert.Equal(3, (await bridge.ReadAsync())["result"]?["tools"]?.AsArray().Count);

        await bridge.SendAsync(Call(2, "get_vm"));
        await bridge.SendAsync(Call(3, "delete_vm"));
        await bridge.SendAsync(Call(4, "unannotated"));
        await first.WaitForAsync(m => m.HasId(4));
        first.Abort();

        var replies = new[] { await bridge.ReadAsync(), await bridge.ReadAsync(), await bridge.ReadAsync() };

        var read = Assert.Single(replies, r => r.HasId(2));
        Assert.Equal("get_vm answered by connection 2", read.ResultText());
        foreach (var id in new[] { 3, 4 })
        {
            var error = Assert.Single(replies, r => r.HasId(id));
            Assert.Equal(-32000, error.ErrorCode());
            Assert.Contains("may or may not have run", error.ErrorMessage(), StringComparison.Ordinal);
        }

        var second = await server.NextConnectionAsync();
        Assert.Equal(["tools/call"], second.Received.Select(m => m.Method()));
        Assert.Equal("get_vm", second.Received.Single()["params"]?["name"]?.GetValue<string>());
        Assert.Contains("1 call(s) of read-only tools will be sent again: request tools/call id 2", bridge.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bridge_WhenTheResentReadOnlyCallIsCutOffAgain_AnswersWithAnErrorInsteadOfSendingItAThirdTime()
    {
        await using var server = StartServerWithAnnotatedTools(answerFrom: 3);
        await using var bridge = InProcessBridge.Start(InProcessBridge.Settings(server.Port));
        var first = await server.NextConnectionAsync();
        await bridge.SendAsync(Json.Request(1, "tools/list", new JsonObject { ["_meta"] = Meta.DeepClone() }));
        await bridge.ReadAsync();
        await bridge.SendAsync(Call(2, "get_vm"));
        await first.WaitForAsync(m => m.HasId(2));
        first.Abort();
        var second = await server.NextConnectionAsync();
        await second.WaitForAsync(m => m.HasId(2));

        second.Abort();

        var error = await bridge.ReadAsync();
        Assert.True(error.HasId(2), error.ToJsonString());
        Assert.Contains("connection to the MCP server was lost", error.ErrorMessage(), StringComparison.Ordinal);
        var third = await server.NextConnectionAsync();
        await bridge.SendAsync(Call(5, "get_vm"));
        Assert.True((await bridge.ReadAsync()).HasId(5));
        Assert.DoesNotContain(third.Received, m => m.HasId(2));
    }

    private static string Call(int id, string tool) =>
        Json.Request(id, "tools/call", new JsonObject { ["name"] = tool, ["arguments"] = new JsonObject(), ["_meta"] = Meta.DeepClone() });

    /// <summary>
    /// tools/list declares get_vm read-only, delete_vm destructive, and unannotated without annotations; calls hang on
    /// connections before <paramref name="answerFrom"/> and are answered from then on.
    /// </summary>
    private static FakeMcpServer StartServerWithAnnotatedTools(int answerFrom = 2)
    {
        var server = FakeMcpServer.Start();
        server.Intercept = async (connection, message) =>
        {
            if (message.Method() is not ("tools/list" or "tools/call"))
            {
                return false;
            }

            JsonNode? result = message.Method() switch
            {
                "tools/list" => new JsonObject
                {
                    ["tools"] = new JsonArray(
                        new JsonObject { ["name"] = "get_vm", ["annotations"] = new JsonObject { ["readOnlyHint"] = true, ["destructiveHint"] = false } },
                        new JsonObject { ["name"] = "delete_vm", ["annotations"] = new JsonObject { ["readOnlyHint"] = false, ["destructiveHint"] = true } },
                        new JsonObject { ["name"] = "unannotated" }),
                },
                "tools/call" when connection.Number >= answerFrom => new JsonObject
                {
                    ["content"] = new JsonArray(new JsonObject
                    {
                        ["type"] = "text",
                        ["text"] = $"{message["params"]?["name"]?.GetValue<string>()} answered by connection {connection.Number}",
                    }),
                },
                _ => null,
            };
            if (result is not null)
            {
                await connection.SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = message["id"]!.DeepClone(), ["result"] = result }.ToJsonString());
            }

            return true;
        };
        return server;
    }
}
