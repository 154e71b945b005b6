using System.Diagnostics;
using Polly;
using Polly.Retry;
using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Protocol;
using ProxmoxMcp.Bridge.Transport;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// Keeps one link to the service: connect, replay the client's initialize to the new server process, let traffic flow,
/// and when the link ends, connect again. A Polly retry pipeline (exponential backoff with jitter, capped delay,
/// --max-retries) covers one outage: it runs until a link has carried a message from the server, so a service that
/// accepts and drops at once is retried with backoff rather than in a tight loop.
/// </summary>
internal sealed class LinkSupervisor
{
    private readonly BridgeSettings settings;
    private readonly BridgeLog log;
    private readonly SessionState state;
    private readonly PrivateIds ids;
    private readonly IServerConnector connector;
    private readonly ServerPump pump;
    private readonly ResiliencePipeline pipeline;
    private int linkNumber;
    private int failedAttempts;

    public LinkSupervisor(BridgeSettings settings, BridgeLog log, SessionState state, PrivateIds ids, IServerConnector connector)
    {
        this.settings = settings;
        this.log = log;
        this.state = state;
        this.ids = ids;
        this.connector = connector;
        pump = new ServerPump(settings, log, state, ids, connector);
        pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<ConnectFailedException>().Handle<LinkClosedException>(),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.InitialBackoff,
                MaxDelay = settings.MaxBackoff,
                MaxRetryAttempts = settings.MaxRetries ?? int.MaxValue,
                OnRetry = args =>
                {
                    failedAttempts = args.AttemptNumber + 1;
                    var problem = args.Outcome.Exception?.Message ?? "unknown failure";
                    state.NoteProblem(problem);
                    log.Warn($"attempt {failedAttempts} failed: {problem}; next attempt in {args.RetryDelay.TotalSeconds:0.##} s");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Runs until cancelled; throws <see cref="GaveUpException"/> when an outage outlasts --max-retries.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        log.Info($"connecting to {connector.Describe()}");
        while (!cancellationToken.IsCancellationRequested)
        {
            failedAttempts = 0;
            try
            {
                await pipeline.ExecuteAsync(async token => await RunLinkAsync(token), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is ConnectFailedException or LinkClosedException)
            {
                var attempts = failedAttempts + 1;
                state.NoteProblem(ex.Message);
                log.Error($"giving up after {attempts} attempt(s) (--max-retries {settings.MaxRetries}): {ex.Message}");
                throw new GaveUpException($"could not reach the MCP service at {settings.Endpoint} after {attempts} attempt(s): {ex.Message}", ex);
            }
        }
    }

    /// <summary>One connection from connect to end. Throws (and so is retried with backoff) unless the link carried traffic.</summary>
    private async ValueTask RunLinkAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var stream = await connector.ConnectAsync(cancellationToken);
        var link = new ServerLink(Interlocked.Increment(ref linkNumber), stream);
        log.Info($"connection #{link.Number} to {settings.Endpoint} established in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms" +
            (failedAttempts > 0 ? $" after {failedAttempts} failed attempt(s)" : ""));
        state.Attach(link);
        var reading = pump.RunAsync(link, cancellationToken);
        string reason;
        try
        {
            await ReplayAsync(link, cancellationToken);
            state.MarkReady(link);
            reason = await link.Closed.WaitAsync(cancellationToken);
        }
        catch (LinkClosedException ex)
        {
            link.Close(ex.Message);
            reason = ex.Message;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            link.Close(SessionState.StoppingReason);
            await state.DetachAsync(link, SessionState.StoppingReason);
            await reading;
            throw;
        }

        await state.DetachAsync(link, reason);
        await reading;
        if (!link.ReceivedAny)
        {
            var hint = settings.Tls is null ? " (if the service uses TLS, set --tls with --ca-file and --client-cert)" : "";
            throw new LinkClosedException($"connection #{link.Number} ended before the server sent anything: {reason}{hint}");
        }

        log.Info("reconnecting");
    }

    /// <summary>
    /// Gives the new server process the client's initialize (under a private id, its reply swallowed) and
    /// notifications/initialized, so the session carries on as if nothing had happened.
    /// </summary>
    private async Task ReplayAsync(ServerLink link, CancellationToken cancellationToken)
    {
        if (state.ReplayPlan() is not { } plan)
        {
            return;
        }

        var id = ids.Next("initialize");
        var reply = link.Expect(id);
        log.Info($"replaying the client's initialize to server #{link.Number} as id {id}");
        await link.WriteAsync(JsonRpcBuilder.WithId(plan.Initialize.Bytes, id), cancellationToken);
        try
        {
            var finished = await Task.WhenAny(reply, link.Closed).WaitAsync(settings.ConnectTimeout, cancellationToken);
            if (finished != reply)
            {
                throw new LinkClosedException($"connection #{link.Number} lost during the initialize replay: {link.Closed.Result}");
            }
        }
        catch (TimeoutException)
        {
            throw new LinkClosedException($"server #{link.Number} did not answer the replayed initialize within {settings.ConnectTimeout.TotalSeconds:0.###} s");
        }

        var answer = await reply;
        if (answer.IsError)
        {
            throw new LinkClosedException($"server #{link.Number} refused the replayed initialize: {JsonRpcBuilder.ErrorMessage(answer.Bytes)}");
        }

        log.Info($"server #{link.Number} accepted the replayed initialize (reply swallowed)");
        if (plan.Initialized is { } initialized)
        {
            await link.WriteAsync(initialized.Bytes, cancellationToken);
            log.Info($"replayed notifications/initialized to server #{link.Number}");
        }
    }
}
