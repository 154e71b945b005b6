using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Transport;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// The bridge: the client's streams on one side, a self-healing link to the service on the other.
/// Takes plain streams so tests can run it in-process; <see cref="RunAsync"/> returns the exit code.
/// </summary>
internal sealed class BridgeSession
{
    private readonly BridgeSettings settings;
    private readonly BridgeLog log;
    private readonly Stream input;
    private readonly IServerConnector connector;
    private readonly ClientWriter client;
    private readonly SessionState state;
    private readonly PrivateIds ids = new();

    public BridgeSession(BridgeSettings settings, BridgeLog log, Stream input, Stream output, IServerConnector connector)
    {
        this.settings = settings;
        this.log = log;
        this.input = input;
        this.connector = connector;
        client = new ClientWriter(output, log);
        state = new SessionState(settings, log, client);
    }

    /// <param name="cancellationToken">Cancelled on Ctrl+C / SIGTERM: a clean stop, exit code 0.</param>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var supervisor = new LinkSupervisor(settings, log, state, ids, connector).RunAsync(stop.Token);
        var forwarder = new Forwarder(state, log).RunAsync(stop.Token);
        var housekeeper = new Housekeeper(settings, log, state, ids).RunAsync(stop.Token);
        var reading = new ClientPump(input, settings, log, state, client).RunAsync(stop.Token);
        var signalled = Task.Delay(Timeout.Infinite, cancellationToken);

        var first = await Task.WhenAny(reading, supervisor, forwarder, housekeeper, client.Gone, signalled);
        int exitCode = ExitCodes.Ok;
        string why;
        // The workers share the signal's token (stop is linked to it), so on a signal one of them may finish first.
        if (cancellationToken.IsCancellationRequested)
        {
            log.Info("stopping on a signal");
            why = "the bridge was stopped";
        }
        else if (first == reading)
        {
            var (queued, pending) = state.Counts;
            log.Info($"standard input closed; sending {queued} queued message(s) and waiting up to {settings.DrainTimeout.TotalSeconds:0.###} s for {pending} pending repl(ies)");
            if (!await WaitDrainedAsync(supervisor, cancellationToken))
            {
                var (q, p) = state.Counts;
                log.Warn($"stopping with {q} message(s) unsent and {p} repl(ies) outstanding");
            }

            why = "standard input was closed";
        }
        else if (first == supervisor && supervisor.Exception?.InnerException is GaveUpException gaveUp)
        {
            exitCode = ExitCodes.GaveUp;
            why = gaveUp.Message;
        }
        else if (first == supervisor || first == forwarder || first == housekeeper)
        {
            exitCode = ExitCodes.InternalError;
            why = "an internal error stopped the bridge";
            log.Error($"{why}: {first.Exception?.InnerException?.ToString() ?? "a worker ended unexpectedly"}");
        }
        else if (first == client.Gone)
        {
            why = "the client closed standard output";
        }
        else
        {
            why = "the bridge was stopped";
        }

        await state.FailAllAsync(why);
        await stop.CancelAsync();
        await Quietly(supervisor, forwarder, housekeeper);
        log.Info($"exiting with code {exitCode}");
        return exitCode;
    }

    private async Task<bool> WaitDrainedAsync(Task supervisor, CancellationToken cancellationToken)
    {
        try
        {
            var drained = state.WaitDrainedAsync(settings.DrainTimeout, cancellationToken);
            await Task.WhenAny(drained, supervisor);
            return drained.IsCompletedSuccessfully && drained.Result;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task Quietly(params Task[] tasks)
    {
        foreach (var task in tasks)
        {
            try
            {
                await task;
            }
            catch (OperationCanceledException)
            {
            }
            catch (GaveUpException)
            {
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException)
            {
                log.Debug($"during shutdown: {ex.Message}");
            }
        }
    }
}
