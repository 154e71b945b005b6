using System.Net.Sockets;
using System.Security.Authentication;
using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Framing;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Protocol;
using ProxmoxMcp.Bridge.Transport;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>Reads one link's messages: the bridge's own replies are taken, everything else goes to the session.</summary>
internal sealed class ServerPump
{
    private readonly BridgeSettings settings;
    private readonly BridgeLog log;
    private readonly SessionState state;
    private readonly PrivateIds ids;
    private readonly IServerConnector connector;

    public ServerPump(BridgeSettings settings, BridgeLog log, SessionState state, PrivateIds ids, IServerConnector connector)
    {
        this.settings = settings;
        this.log = log;
        this.state = state;
        this.ids = ids;
        this.connector = connector;
    }

    /// <summary>Runs until the link ends; the reason is in <see cref="ServerLink.Closed"/>.</summary>
    public async Task RunAsync(ServerLink link, CancellationToken cancellationToken)
    {
        var reader = new LineReader(link.Stream, settings.MaxMessageBytes, _ => link.NoteBytes());
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                switch (result.Outcome)
                {
                    case ReadOutcome.EndOfStream:
                        link.Close(reader.TruncatedTailBytes > 0
                            ? $"the server closed the connection in the middle of a message ({reader.TruncatedTailBytes} bytes dropped)"
                            : "the server closed the connection");
                        return;
                    case ReadOutcome.Overlong:
                        link.NoteMessage();
                        await state.OnServerOverlongAsync(link, result.Overlong!);
                        break;
                    default:
                        link.NoteMessage();
                        var message = JsonRpcMessage.Parse(result.Line);
                        if (log.IsEnabled(LogLevel.Trace))
                        {
                            log.Trace($"server #{link.Number} -> bridge: {message} ({message.Bytes.Length} bytes)");
                        }

                        if (message.Kind == MessageKind.Response && ids.IsPrivate(message.Id))
                        {
                            link.Answer(message);
                        }
                        else
                        {
                            await state.OnServerMessageAsync(link, message);
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            link.Close(SessionState.StoppingReason);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException or AuthenticationException)
        {
            link.Close($"receiving from the server failed: {connector.Explain(ex)}");
        }
    }
}
