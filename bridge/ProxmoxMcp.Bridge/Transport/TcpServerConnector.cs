using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using ProxmoxMcp.Bridge.Configuration;

namespace ProxmoxMcp.Bridge.Transport;

/// <summary>Connects over TCP (no Nagle delay, keepalive on) and, when configured, runs the TLS handshake.</summary>
internal sealed class TcpServerConnector : IServerConnector
{
    private readonly BridgeSettings settings;
    private readonly TlsClientFactory? tls;

    public TcpServerConnector(BridgeSettings settings, TlsClientFactory? tls)
    {
        this.settings = settings;
        this.tls = tls;
    }

    public string Describe() => tls is null ? $"tcp://{settings.Endpoint}" : $"tls://{settings.Endpoint} ({tls.Describe()})";

    public string Explain(Exception exception) => tls?.Explain(exception) ?? exception.Message;

    public async Task<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            ConfigureKeepAlive(socket);
            await socket.ConnectAsync(settings.Host, settings.Port, timeout.Token);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is not null)
            {
                stream = await tls.AuthenticateAsync(stream, timeout.Token);
            }

            return stream;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await DisposeAsync(stream, socket);
            throw new ConnectFailedException(
                $"{(stream is null ? "connecting to" : "TLS handshake with")} {settings.Endpoint} timed out after {settings.ConnectTimeout.TotalSeconds:0.###} s");
        }
        catch (SocketException ex)
        {
            await DisposeAsync(stream, socket);
            throw new ConnectFailedException($"cannot connect to {settings.Endpoint}: {Describe(ex)}", ex);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            await DisposeAsync(stream, socket);
            throw new ConnectFailedException($"TLS handshake with {settings.Endpoint} failed: {tls?.Explain(ex) ?? ex.Message}", ex);
        }
        catch
        {
            await DisposeAsync(stream, socket);
            throw;
        }
    }

    private static async ValueTask DisposeAsync(Stream? stream, Socket socket)
    {
        if (stream is not null)
        {
            await stream.DisposeAsync();
        }

        socket.Dispose();
    }

    private static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused (is the service running and listening on that port?)",
        SocketError.HostNotFound or SocketError.NoData => "host not found (check the name)",
        SocketError.TimedOut => "timed out",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable (check the network, VPN or firewall)",
        _ => $"{ex.SocketErrorCode}: {ex.Message}",
    };

    /// <summary>A dead peer is noticed in about half a minute even with nothing to send.</summary>
    private static void ConfigureKeepAlive(Socket socket)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 15);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException)
        {
            // Older systems lack the fine-grained options; the idle ping still finds dead links.
        }
        catch (PlatformNotSupportedException)
        {
        }
    }
}
