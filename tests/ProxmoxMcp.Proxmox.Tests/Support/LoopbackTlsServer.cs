using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>
/// A minimal HTTPS server on 127.0.0.1 (TcpListener + SslStream) answering every request with
/// <c>200 {"data": ...}</c> and recording the request head, so tests exercise the real SocketsHttpHandler and TLS path.
/// </summary>
public sealed class LoopbackTlsServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 certificate;
    private readonly string body;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> requestHeads = new();
    private readonly Task acceptLoop;
    private int handshakes;
    private int failedHandshakes;

    public LoopbackTlsServer(X509Certificate2 certificate, string dataJson = """{"version":"9.0.3","release":"9.0","repoid":"0000000000000000"}""")
    {
        this.certificate = certificate;
        body = $"{{\"data\":{dataJson}}}";
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted (each starts a TLS handshake).</summary>
    public int Handshakes => Volatile.Read(ref handshakes);

    public int FailedHandshakes => Volatile.Read(ref failedHandshakes);

    /// <summary>Request line and headers of each request that got through the handshake.</summary>
    public IReadOnlyList<string> RequestHeads => [.. requestHeads];

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            Interlocked.Increment(ref handshakes);
            await using var tls = new SslStream(client.GetStream());
            try
            {
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = certificate, ApplicationProtocols = [SslApplicationProtocol.Http11] },
                    stop.Token);
            }
            catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or OperationCanceledException)
            {
                Interlocked.Increment(ref failedHandshakes);
                return;
            }

            try
            {
                var head = await ReadHeadAsync(tls);
                if (head.Length == 0)
                {
                    // TLS 1.3: the client checks the certificate after the server's side of the handshake is done,
                    // so a refusal shows here as a connection closed before any request.
                    Interlocked.Increment(ref failedHandshakes);
                    return;
                }

                requestHeads.Enqueue(head);
                var bytes = Encoding.UTF8.GetBytes(body);
                var response = "HTTP/1.1 200 OK\r\nContent-Type: application/json;charset=UTF-8\r\n" +
                    $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(response), stop.Token);
                await tls.WriteAsync(bytes, stop.Token);
                await tls.FlushAsync(stop.Token);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException)
            {
            }
        }
    }

    private async Task<string> ReadHeadAsync(Stream stream)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < 65536)
        {
            if (await stream.ReadAsync(one, stop.Token) == 0)
            {
                break;
            }

            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^4] == '\r' && buffer[^3] == '\n' && buffer[^2] == '\r' && buffer[^1] == '\n')
            {
                break;
            }
        }

        return Encoding.ASCII.GetString([.. buffer]);
    }
}
