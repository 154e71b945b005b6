using ProxmoxMcp.Bridge.Logging;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>Sends queued client messages to the ready link, one at a time and in order.</summary>
internal sealed class Forwarder
{
    private readonly SessionState state;
    private readonly BridgeLog log;

    public Forwarder(SessionState state, BridgeLog log)
    {
        this.state = state;
        this.log = log;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var (item, link) = await state.TakeAsync(cancellationToken);
            if (log.IsEnabled(LogLevel.Trace))
            {
                log.Trace($"bridge -> server #{link.Number}: {item.Message} ({item.Message.Bytes.Length} bytes)");
            }

            try
            {
                await link.WriteAsync(item.Message.Bytes, cancellationToken);
            }
            catch (LinkClosedException)
            {
                // The link's end is handled by the supervisor; a request sent here is already pending and gets its error reply.
            }
        }
    }
}
