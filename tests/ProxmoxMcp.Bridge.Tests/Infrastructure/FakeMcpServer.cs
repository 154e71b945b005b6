using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>
/// A loopback MCP server under the test's control: newline-delimited JSON-RPC, one handler per connection (like one
/// server process per socat connection). It answers initialize, ping, tools/list and the tools "echo" (returns
/// arguments.text), "big" (returns arguments.size bytes of text) and "hang" (never answers); tests can intercept anything.
/// </summary>
internal sealed class FakeMcpServer : IAsyncDisposable
{
    private readonly Channel<FakeConnection> accepted = Channel.CreateUnbounded<FakeConnection>();
    private readonly List<FakeConnection> connections = [];
    private readonly object gate = new();
    private TcpListener? listener;
    private int connectionCount;

    private FakeMcpServer(int port) => Port = port;

    public int Port { get; }

    public int ConnectionCount => Volatile.Read(ref connectionCount);

    /// <summary>Return true to take over a message (the default handling is skipped).</summary>
    public Func<FakeConnection, JsonObject, Task<bool>>? Intercept { get; set; }

    public static FakeMcpServer Start()
    {
        var server = NotYetListening();
        server.Resume();
        return server;
    }

    /// <summary>A server object for a port nobody listens on yet; <see cref="Resume"/> starts it.</summary>
    public static FakeMcpServer NotYetListening() => new(ProxmoxMcp.TestSupport.FreePort.Next());

    public async Task<FakeConnection> NextConnectionAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Step);
        return await accepted.Reader.ReadAsync(cts.Token);
    }

    /// <summary>Stops listening and closes every connection: the service is down.</summary>
    public void StopListening()
    {
        lock (gate)
        {
            listener?.Stop();
            listener = null;
            foreach (var connection in connections)
            {
                connection.Close();
            }
        }
    }

    /// <summary>Listens again on the same port.</summary>
    public void Resume() => Listen(Port);

    public ValueTask DisposeAsync()
    {
        StopListening();
        return ValueTask.CompletedTask;
    }

    private void Listen(int port)
    {
        var started = new TcpListener(IPAddress.Loopback, port);
        started.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        started.Start();
        lock (gate)
        {
            listener = started;
        }

        _ = AcceptLoopAsync(started);
    }

    private async Task AcceptLoopAsync(TcpListener from)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await from.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            client.NoDelay = true;
            var connection = new FakeConnection(Interlocked.Increment(ref connectionCount), client);
            lock (gate)
            {
                connections.Add(connection);
            }

            await accepted.Writer.WriteAsync(connection);
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(FakeConnection connection)
    {
        using var reader = new StreamReader(connection.Stream, new UTF8Encoding(false), false, 1 << 16);
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                var message = Json.Parse(line);
                connection.Record(line, message);
                if (connection.Silent || (Intercept is { } intercept && await intercept(connection, message)))
                {
                    continue;
                }

                if (Answer(connection, message) is { } reply)
                {
                    await connection.SendAsync(reply.ToJsonString());
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    private static JsonObject? Answer(FakeConnection connection, JsonObject message)
    {
        if (message["id"] is not { } id || message.Method() is not { } method)
        {
            return null;
        }

        JsonNode? result = method switch
        {
            "initialize" => new JsonObject
            {
                ["protocolVersion"] = message["params"]?["protocolVersion"]?.GetValue<string>() ?? "2025-06-18",
                ["capabilities"] = new JsonObject { ["tools"] = new JsonObject() },
                ["serverInfo"] = new JsonObject { ["name"] = "fake", ["version"] = $"connection-{connection.Number}" },
            },
            "ping" => new JsonObject(),
            "tools/list" => new JsonObject { ["tools"] = new JsonArray(new JsonObject { ["name"] = "echo" }) },
            "tools/call" => CallTool(message["params"]),
            _ => null,
        };
        if (method == "tools/call" && message["params"]?["name"]?.GetValue<string>() == "hang")
        {
            return null;
        }

        var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone() };
        if (result is null)
        {
            reply["error"] = new JsonObject { ["code"] = -32601, ["message"] = $"unknown method {method}" };
        }
        else
        {
            reply["result"] = result;
        }

        return reply;
    }

    private static JsonObject? CallTool(JsonNode? parameters)
    {
        var arguments = parameters?["arguments"];
        var text = parameters?["name"]?.GetValue<string>() switch
        {
            "echo" => arguments?["text"]?.GetValue<string>() ?? "",
            "big" => new string('x', arguments?["size"]?.GetValue<int>() ?? 0),
            _ => null,
        };
        return text is null ? null : new JsonObject { ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }) };
    }
}
