using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// The clock-driven duties: an MCP ping when the ready link has been silent for --idle-ping (a link whose ping gets no
/// byte back within --ping-timeout is closed as dead), and the queue deadline while no link is ready.
/// </summary>
internal sealed class Housekeeper
{
    private readonly BridgeSettings settings;
    private readonly BridgeLog log;
    private readonly SessionState state;
    private readonly PrivateIds ids;

    public Housekeeper(BridgeSettings settings, BridgeLog log, SessionState state, PrivateIds ids)
    {
        this.settings = settings;
        this.log = log;
        this.state = state;
        this.ids = ids;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TickInterval());
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            if (settings.IdlePing > TimeSpan.Zero && state.ReadyLink is { } link)
            {
                CheckLiveness(link, cancellationToken);
            }

            await state.ExpireAsync();
        }
    }

    private void CheckLiveness(ServerLink link, CancellationToken cancellationToken)
    {
        if (link.PingOutstanding)
        {
            if (link.PingWait >= settings.PingTimeout)
            {
                link.Close($"no reply to a ping within {settings.PingTimeout.TotalSeconds:0.###} s: the server or the network stopped responding");
            }

            return;
        }

        if (link.Idle < settings.IdlePing)
        {
            return;
        }

        var id = ids.Next("ping");
        _ = link.Expect(id);
        link.StartPing();
        log.Debug($"connection #{link.Number} silent for {link.Idle.TotalSeconds:0.#} s; sending ping {id}");
        _ = SendAsync(link, JsonRpcBuilder.Ping(id), cancellationToken);
    }

    private static async Task SendAsync(ServerLink link, byte[] ping, CancellationToken cancellationToken)
    {
        try
        {
            await link.WriteAsync(ping, cancellationToken);
        }
        catch (LinkClosedException)
        {
        }
        catch (OperationCanceledException)
        {
        }
    }

    private TimeSpan TickInterval()
    {
        var shortest = new[] { settings.PingTimeout, settings.QueueDeadline, settings.IdlePing > TimeSpan.Zero ? settings.IdlePing : TimeSpan.MaxValue }.Min();
        return TimeSpan.FromTicks(Math.Clamp(shortest.Ticks / 4, TimeSpan.FromMilliseconds(10).Ticks, TimeSpan.FromMilliseconds(250).Ticks));
    }
}
