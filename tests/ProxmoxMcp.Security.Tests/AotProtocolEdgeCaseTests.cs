using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Security.Tests;

/// <summary>
/// The stdio edge cases of ENGINEERING-NOTES against the published Native AOT binary: each bad message gets the
/// JSON-RPC reply the spec asks for, and a ping sent right after it is still answered (the process neither crashed
/// nor hung nor lost its framing).
/// </summary>
public sealed class AotProtocolEdgeCaseTests
{
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, int?> Cases() => new()
    {
        { "invalid JSON", "this is not json\n", -32700 },
        { "JSON that is not JSON-RPC", """{"hello":"world"}""" + "\n", -32600 },
        { "null id", """{"jsonrpc":"2.0","id":null,"method":"ping"}""" + "\n", -32600 },
        { "batch array", """[{"jsonrpc":"2.0","id":41,"method":"ping"}]""" + "\n", -32600 },
        { "unknown method", """{"jsonrpc":"2.0","id":42,"method":"frobnicate"}""" + "\n", -32601 },
        { "params of the wrong type", """{"jsonrpc":"2.0","id":43,"method":"tools/call","params":"get_nodes"}""" + "\n", -32602 },
        { "unknown tool", """{"jsonrpc":"2.0","id":44,"method":"tools/call","params":{"name":"no_such_tool","arguments":{}}}""" + "\n", -32602 },
        { "CRLF line ending", """{"jsonrpc":"2.0","id":45,"method":"ping"}""" + "\r\n", null },
        { "invalid UTF-8", "{\"jsonrpc\":\"2.0\",\"id\":46,\"method\":\"ping\",\"params\":{\"x\":\"\u00ff\u00fe\"}}\n", -32700 },
        { "line over the 8 MiB limit", """{"jsonrpc":"2.0","id":47,"method":"ping","params":{"pad":""" + "\"" + new string('x', 9 * 1024 * 1024) + "\"}}\n", -32600 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadMessage_GetsTheSpecReply_AndTheServerStaysUsable(string name, string message, int? expectedCode)
    {
        using var server = await AotServer.StartAsync();
        await server.InitializeAsync();

        var bytes = name == "invalid UTF-8" ? Encoding.Latin1.GetBytes(message) : Encoding.UTF8.GetBytes(message);
        await server.WriteAsync(bytes);
        var reply = await server.ReadReplyAsync(r => r["id"] is not JsonValue id || id.GetValue<int>() != 99);

        if (expectedCode is { } code)
        {
            Assert.True(reply["error"]?["code"]?.GetValue<int>() == code, $"{name}: expected error {code}, got {reply.ToJsonString()}");
        }
        else
        {
            Assert.True(reply["result"] is not null, $"{name}: {reply.ToJsonString()}");
        }

        await server.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":99,"method":"ping"}""" + "\n"));
        var ping = await server.ReadReplyAsync(r => r["id"] is JsonValue id && id.GetValue<int>() == 99);
        Assert.NotNull(ping["result"]);
        Assert.False(server.HasExited, $"{name}: the server exited");
    }

    [Fact]
    public async Task UnsupportedProtocolVersion_IsAnsweredWithASupportedOne()
    {
        using var server = await AotServer.StartAsync();

        var reply = await server.InitializeAsync("1999-01-01");

        var version = reply["result"]?["protocolVersion"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(version) || version == "1999-01-01", reply.ToJsonString());
    }

    [Fact]
    public async Task StdinClosedRightAfterARequest_TheReplyIsStillWrittenAndTheProcessExits()
    {
        using var server = await AotServer.StartAsync();
        await server.InitializeAsync();

        await server.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"get_nodes","arguments":{}}}""" + "\n"));
        server.CloseInput();

        var reply = await server.ReadReplyAsync(r => r["id"] is JsonValue id && id.GetValue<int>() == 7);
        Assert.NotNull(reply["result"]);
        Assert.True(await server.WaitForExitAsync(TimeSpan.FromSeconds(10)), "the server did not exit after stdin closed");
    }

    private sealed class AotServer : IDisposable
    {
        private readonly Process process;

        private AotServer(Process process) => this.process = process;

        public bool HasExited => process.HasExited;

        public static async Task<AotServer> StartAsync()
        {
            var psi = new ProcessStartInfo(await PublishedBinaries.ServerAsync(Ct), "--simulate")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var process = Process.Start(psi)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            return new AotServer(process);
        }

        public async Task<JsonNode> InitializeAsync(string protocolVersion = "2025-06-18")
        {
            await WriteAsync(Encoding.UTF8.GetBytes(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":""" + "\"" + protocolVersion + "\"" +
                    ""","capabilities":{},"clientInfo":{"name":"edge","version":"1"}}}""" + "\n"));
            var reply = await ReadReplyAsync(r => r["id"] is JsonValue id && id.GetValue<int>() == 1);
            await WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","method":"notifications/initialized"}""" + "\n"));
            return reply;
        }

        public async Task WriteAsync(byte[] bytes)
        {
            await process.StandardInput.BaseStream.WriteAsync(bytes, Ct);
            await process.StandardInput.BaseStream.FlushAsync(Ct);
        }

        public void CloseInput() => process.StandardInput.Close();

        /// <summary>The next reply (a message with a result or an error) that matches; notifications are skipped.</summary>
        public async Task<JsonNode> ReadReplyAsync(Func<JsonNode, bool> matches)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(ReplyTimeout);
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("the server closed its output before replying");
                var message = JsonNode.Parse(line)!;
                if ((message["result"] is not null || message["error"] is not null) && matches(message))
                {
                    return message;
                }
            }
        }

        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            cts.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(cts.Token);
                return true;
            }
            catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
            {
                return false;
            }
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
        }
    }
}
