using System.Diagnostics;
using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// What the session knows, under one lock: the queue of client messages, the client requests in flight on the current
/// link, the server's requests waiting for the client, the client's initialize (for replay), the tools the server
/// declared read-only (a call of one cut off by a drop is sent again), and which link is ready.
/// Every change pulses one signal; every message the bridge itself answers or drops is decided here.
/// </summary>
internal sealed class SessionState
{
    /// <summary>Why a link ends when the bridge itself stops.</summary>
    public const string StoppingReason = "the bridge is stopping";

    private readonly object gate = new();
    private readonly BridgeSettings settings;
    private readonly BridgeLog log;
    private readonly ClientWriter client;
    private readonly AsyncSignal changed = new();
    private readonly LinkedList<QueuedMessage> queue = new();
    private readonly Dictionary<JsonRpcId, PendingRequest> pending = [];
    private readonly Dictionary<JsonRpcId, int> serverRequests = [];
    private readonly ReadOnlyTools readOnlyTools = new();
    private long queuedBytes;
    private ServerLink? current;
    private bool ready;
    private bool stopping;
    private string lastProblem = "not connected yet";
    private JsonRpcMessage? initialize;
    private bool initializeAnswered;
    private JsonRpcMessage? initialized;
    private bool initializedSent;

    public SessionState(BridgeSettings settings, BridgeLog log, ClientWriter client)
    {
        this.settings = settings;
        this.log = log;
        this.client = client;
    }

    /// <summary>The link that messages go to, or null while connecting, replaying or disconnected.</summary>
    public ServerLink? ReadyLink
    {
        get
        {
            lock (gate)
            {
                return ready ? current : null;
            }
        }
    }

    public (int Queued, int Pending) Counts
    {
        get
        {
            lock (gate)
            {
                return (queue.Count, pending.Count);
            }
        }
    }

    /// <summary>Takes a message from the client. Waits while the link is up and the queue is full; refuses while it is down.</summary>
    public async ValueTask SubmitAsync(JsonRpcMessage message, CancellationToken cancellationToken)
    {
        int? forLink = null;
        lock (gate)
        {
            if (message.Kind == MessageKind.Response)
            {
                if (!serverRequests.Remove(message.Id!.Value, out var link))
                {
                    log.Warn($"dropping the client's {message}: no open request with that id from the current server");
                    return;
                }

                forLink = link;
            }
            else if (message.Kind == MessageKind.Request && message.Method == "initialize")
            {
                initialize = message;
                initializeAnswered = false;
                initialized = null;
                initializedSent = false;
            }
            else if (message.Kind == MessageKind.Notification && message.Method == "notifications/initialized")
            {
                initialized = message;
            }
        }

        var item = new QueuedMessage(message, Stopwatch.GetTimestamp(), forLink);
        while (true)
        {
            Task wait;
            string? refusal = null;
            var added = false;
            lock (gate)
            {
                if (stopping)
                {
                    refusal = "the bridge is shutting down";
                }
                else if (queue.Count == 0 || (queue.Count < settings.QueueMaxMessages && queuedBytes + message.Bytes.Length <= settings.QueueMaxBytes))
                {
                    queue.AddLast(item);
                    queuedBytes += message.Bytes.Length;
                    added = true;
                }
                else if (!ready)
                {
                    refusal = $"the bridge's queue is full ({queue.Count} messages, {queuedBytes} bytes) while the MCP server is unreachable ({lastProblem})";
                }

                wait = changed.Next;
            }

            if (added)
            {
                changed.Pulse();
                return;
            }

            if (refusal is not null)
            {
                await RefuseAsync(item, refusal, "queue_full");
                return;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The next client message for the ready link, in order; a request becomes pending on that link.</summary>
    public async ValueTask<(QueuedMessage Item, ServerLink Link)> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            QueuedMessage? stale = null;
            (QueuedMessage, ServerLink)? taken = null;
            lock (gate)
            {
                if (ready && !stopping && current is not null && queue.First is { } first)
                {
                    var item = first.Value;
                    queue.RemoveFirst();
                    queuedBytes -= item.Message.Bytes.Length;
                    if (item.ForLink is { } asker && asker != current.Number)
                    {
                        stale = item;
                    }
                    else
                    {
                        if (item.Message.Kind == MessageKind.Request)
                        {
                            pending[item.Message.Id!.Value] = new PendingRequest(item.Message, current.Number, item.Attempt);
                        }
                        else if (ReferenceEquals(item.Message, initialized))
                        {
                            initializedSent = true;
                        }

                        taken = (item, current);
                    }
                }

                wait = changed.Next;
            }

            if (taken is { } result)
            {
                changed.Pulse();
                return result;
            }

            if (stale is not null)
            {
                log.Warn($"dropping the client's {stale.Message}: the server connection that asked for it is gone");
                changed.Pulse();
                continue;
            }

            await wait.WaitAsync(cancellationToken);
        }
    }

    /// <summary>A message from the server: forwarded to the client unless it comes from a link that is no longer current.</summary>
    public async ValueTask OnServerMessageAsync(ServerLink link, JsonRpcMessage message)
    {
        var answered = false;
        lock (gate)
        {
            if (current != link)
            {
                log.Debug($"ignoring {message} from closed connection #{link.Number}");
                return;
            }

            if (message.Kind == MessageKind.Response && pending.Remove(message.Id!.Value, out var request))
            {
                answered = true;
                if (ReferenceEquals(request.Message, initialize))
                {
                    initializeAnswered = !message.IsError;
                }
                else if (request.Message.Method == "tools/list" && !message.IsError)
                {
                    readOnlyTools.Learn(message);
                }
            }
            else if (message.Kind == MessageKind.Request)
            {
                serverRequests[message.Id!.Value] = link.Number;
            }
        }

        await client.WriteAsync(message.Bytes);
        if (answered)
        {
            changed.Pulse();
        }
    }

    /// <summary>An over-long line from the server: dropped; if it answered a pending request, that request gets an error instead.</summary>
    public async ValueTask OnServerOverlongAsync(ServerLink link, Framing.OverlongLine line)
    {
        PendingRequest? request = null;
        lock (gate)
        {
            if (current == link && line.IsResponse)
            {
                pending.Remove(line.Id!.Value, out request);
            }
        }

        log.Warn($"dropped a message of {line.Length} bytes from the server (over the {settings.MaxMessageBytes}-byte limit; " +
            $"{(line.Method is null ? "" : $"method {line.Method}, ")}id {line.Id?.ToString() ?? "none"})");
        if (request is not null)
        {
            changed.Pulse();
            await client.WriteAsync(JsonRpcBuilder.Error(request.Message.Id!.Value, JsonRpcBuilder.LinkErrorCode,
                $"The server's reply ({line.Length} bytes) exceeds the bridge's limit of {settings.MaxMessageBytes} bytes (--max-message-size) and was dropped.",
                "reply_too_large"));
        }
    }

    /// <summary>A new connection is up; it becomes ready after the replay.</summary>
    public void Attach(ServerLink link)
    {
        lock (gate)
        {
            current = link;
            ready = false;
        }
    }

    public void MarkReady(ServerLink link)
    {
        lock (gate)
        {
            if (current != link)
            {
                return;
            }

            ready = true;
        }

        changed.Pulse();
    }

    public void NoteProblem(string problem)
    {
        lock (gate)
        {
            lastProblem = problem;
        }
    }

    /// <summary>What a new server process must be told before the client's traffic resumes, or null for nothing.</summary>
    public (JsonRpcMessage Initialize, JsonRpcMessage? Initialized)? ReplayPlan()
    {
        lock (gate)
        {
            return initialize is not null && initializeAnswered ? (initialize, initializedSent ? initialized : null) : null;
        }
    }

    /// <summary>
    /// The link is gone: its pending requests get an error reply at once, except those sent once only that are safe to
    /// send again on the next link (the client's initialize; a tools/call of a tool the server declared read-only), the
    /// server's open requests are cancelled towards the client, the queue waits.
    /// </summary>
    public async ValueTask DetachAsync(ServerLink link, string reason)
    {
        List<JsonRpcMessage> failed = [];
        List<JsonRpcId> voided = [];
        List<JsonRpcMessage> readOnlyCalls = [];
        QueuedMessage? initializeAgain = null;
        int queued;
        lock (gate)
        {
            if (current != link)
            {
                return;
            }

            current = null;
            ready = false;
            lastProblem = reason;
            foreach (var (id, request) in pending.Where(p => p.Value.Link == link.Number).ToList())
            {
                pending.Remove(id);
                if (!stopping && request.Attempt == 0 && ReferenceEquals(request.Message, initialize))
                {
                    initializeAgain = new QueuedMessage(request.Message, Stopwatch.GetTimestamp(), Attempt: 1);
                }
                else if (!stopping && request.Attempt == 0 && readOnlyTools.IsSafeToResend(request.Message))
                {
                    readOnlyCalls.Add(request.Message);
                }
                else
                {
                    failed.Add(request.Message);
                }
            }

            // Ahead of what the client sent since, the initialize first.
            foreach (var call in Enumerable.Reverse(readOnlyCalls))
            {
                queue.AddFirst(new QueuedMessage(call, Stopwatch.GetTimestamp(), Attempt: 1));
                queuedBytes += call.Bytes.Length;
            }

            if (initializeAgain is not null)
            {
                queue.AddFirst(initializeAgain);
                queuedBytes += initializeAgain.Message.Bytes.Length;
            }

            foreach (var (id, _) in serverRequests.Where(r => r.Value == link.Number).ToList())
            {
                serverRequests.Remove(id);
                voided.Add(id);
            }

            queued = queue.Count;
        }

        changed.Pulse();
        log.Write(stopping || link.Closed.Result == StoppingReason ? LogLevel.Info : LogLevel.Warn, $"connection #{link.Number} {(stopping ? "closed" : "lost")}: {reason}; {failed.Count} request(s) in flight answered with an error, " +
            $"{voided.Count} server request(s) cancelled, {queued} message(s) queued{(initializeAgain is not null ? " (the client's initialize will be sent again)" : "")}" +
            (readOnlyCalls.Count > 0 ? $"; {readOnlyCalls.Count} call(s) of read-only tools will be sent again: {string.Join(", ", readOnlyCalls)}" : ""));
        foreach (var request in failed)
        {
            await client.WriteAsync(JsonRpcBuilder.Error(request.Id!.Value, JsonRpcBuilder.LinkErrorCode,
                $"The connection to the MCP server was lost ({reason}); this request may or may not have run. The bridge is reconnecting.",
                "connection_lost"));
        }

        foreach (var id in voided)
        {
            await client.WriteAsync(JsonRpcBuilder.Cancelled(id, "the connection to the MCP server was lost"));
        }
    }

    /// <summary>While no link is ready: messages queued longer than the deadline are answered with an error or dropped.</summary>
    public async ValueTask ExpireAsync()
    {
        List<QueuedMessage> expired = [];
        string problem;
        lock (gate)
        {
            if (ready || queue.Count == 0)
            {
                return;
            }

            problem = lastProblem;
            for (var node = queue.First; node is not null;)
            {
                var next = node.Next;
                if (Stopwatch.GetElapsedTime(node.Value.EnqueuedAt) >= settings.QueueDeadline)
                {
                    queue.Remove(node);
                    queuedBytes -= node.Value.Message.Bytes.Length;
                    expired.Add(node.Value);
                }

                node = next;
            }
        }

        if (expired.Count == 0)
        {
            return;
        }

        changed.Pulse();
        foreach (var item in expired)
        {
            await RefuseAsync(item, $"the MCP server could not be reached within {settings.QueueDeadline.TotalSeconds:0.###} s ({problem})", "queue_deadline");
        }
    }

    /// <summary>Waits until every queued message is sent and every pending request answered, or the time is up.</summary>
    public async Task<bool> WaitDrainedAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (queue.Count == 0 && pending.Count == 0)
                {
                    return true;
                }

                wait = changed.Next;
            }

            var left = timeout - Stopwatch.GetElapsedTime(started);
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            try
            {
                await wait.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                return false;
            }
        }
    }

    /// <summary>Shutting down: nothing more is sent; every request still queued or in flight gets an error reply.</summary>
    public async ValueTask FailAllAsync(string why)
    {
        List<QueuedMessage> queued;
        List<PendingRequest> inFlight;
        lock (gate)
        {
            stopping = true;
            queued = [.. queue];
            queue.Clear();
            queuedBytes = 0;
            inFlight = [.. pending.Values];
            pending.Clear();
        }

        changed.Pulse();
        foreach (var request in inFlight)
        {
            await client.WriteAsync(JsonRpcBuilder.Error(request.Message.Id!.Value, JsonRpcBuilder.LinkErrorCode,
                $"The bridge stopped before the MCP server replied ({why}); this request may or may not have run.", "bridge_stopped"));
        }

        foreach (var item in queued)
        {
            await RefuseAsync(item, why, "bridge_stopped");
        }
    }

    private async ValueTask RefuseAsync(QueuedMessage item, string why, string reason)
    {
        if (item.Message.Kind == MessageKind.Request)
        {
            log.Warn($"answering the client's {item.Message} with an error: {why}");
            var what = item.Attempt == 0 ? "The request was not sent" : "The connection to the MCP server was lost and the request could not be sent again";
            await client.WriteAsync(JsonRpcBuilder.Error(item.Message.Id!.Value, JsonRpcBuilder.LinkErrorCode, $"{what}: {why}.", reason));
        }
        else
        {
            log.Warn($"dropping the client's {item.Message}: {why}");
        }
    }
}
