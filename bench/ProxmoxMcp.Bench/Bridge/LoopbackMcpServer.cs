using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ProxmoxMcp.Bench.Bridge;

/// <summary>
/// A minimal NDJSON server on 127.0.0.1 that both the direct client and the bridge talk to: answers "ping" with an
/// empty result and "big" with a prepared reply of the configured size, so both paths do the same server work.
/// </summary>
internal sealed class LoopbackMcpServer : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly byte[] bigReply;
    private readonly CancellationTokenSource stop = new();

    public LoopbackMcpServer(int bigReplyBytes)
    {
        var prefix = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""u8.ToArray();
        var suffix = "\"}]}}\n"u8.ToArray();
        bigReply = new byte[bigReplyBytes];
        prefix.CopyTo(bigReply, 0);
        bigReply.AsSpan(prefix.Length, bigReplyBytes - prefix.Length - suffix.Length).Fill((byte)'x');
        suffix.CopyTo(bigReply, bigReplyBytes - suffix.Length);
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var client = await listener.AcceptTcpClientAsync(stop.Token);
                client.NoDelay = true;
                _ = ServeAsync(client);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var lines = new LineChannel(stream);
            try
            {
                while (await lines.ReadLineAsync(stop.Token) is { } line)
                {
                    using var message = JsonDocument.Parse(line);
                    var root = message.RootElement;
                    if (!root.TryGetProperty("id", out var id))
                    {
                        continue;
                    }

                    if (root.GetProperty("method").GetString() == "big")
                    {
                        await stream.WriteAsync(bigReply, stop.Token);
                    }
                    else
                    {
                        await stream.WriteAsync(Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id.GetRawText()},\"result\":{{}}}}\n"), stop.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }
}
