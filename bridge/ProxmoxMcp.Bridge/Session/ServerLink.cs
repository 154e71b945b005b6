using System.Diagnostics;
using ProxmoxMcp.Bridge.Framing;
using ProxmoxMcp.Bridge.Protocol;

namespace ProxmoxMcp.Bridge.Session;

/// <summary>
/// One connection to the service (and so one server process behind socat): serialised writes, liveness bookkeeping,
/// the bridge's own outstanding requests on it, and a <see cref="Closed"/> task that says why it ended.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The write lock never allocates a wait handle; disposing it while a writer may still wait would only add a failure mode.")]
internal sealed class ServerLink
{
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly TaskCompletionSource<string> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object gate = new();
    private readonly Dictionary<JsonRpcId, TaskCompletionSource<JsonRpcMessage>> privateRequests = [];
    private long lastReceived = Stopwatch.GetTimestamp();
    private long pingSentAt;
    private int receivedAny;

    public ServerLink(int number, Stream stream)
    {
        Number = number;
        Stream = stream;
    }

    /// <summary>1 for the first connection, counting up: tells apart what belongs to which server process.</summary>
    public int Number { get; }

    public Stream Stream { get; }

    public Task<string> Closed => closed.Task;

    /// <summary>Whether a whole message has arrived on this link.</summary>
    public bool ReceivedAny => Volatile.Read(ref receivedAny) == 1;

    public bool PingOutstanding => Interlocked.Read(ref pingSentAt) != 0;

    /// <summary>Time since the last byte arrived.</summary>
    public TimeSpan Idle => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastReceived));

    /// <summary>Time since the outstanding ping was sent or the last byte arrived, whichever is later.</summary>
    public TimeSpan PingWait =>
        Stopwatch.GetElapsedTime(Math.Max(Interlocked.Read(ref pingSentAt), Interlocked.Read(ref lastReceived)));

    public void NoteBytes() => Interlocked.Exchange(ref lastReceived, Stopwatch.GetTimestamp());

    public void NoteMessage() => Volatile.Write(ref receivedAny, 1);

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            if (closed.Task.IsCompleted)
            {
                throw new LinkClosedException(closed.Task.Result);
            }

            await LineWriter.WriteLineAsync(Stream, line, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            Close($"sending to the server failed: {ex.Message}");
            throw new LinkClosedException(closed.Task.Result, ex);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>Registers one of the bridge's own requests; the returned task completes with its reply.</summary>
    public Task<JsonRpcMessage> Expect(JsonRpcId id)
    {
        var reply = new TaskCompletionSource<JsonRpcMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            privateRequests[id] = reply;
        }

        return reply.Task;
    }

    public void StartPing() => Interlocked.Exchange(ref pingSentAt, Stopwatch.GetTimestamp());

    /// <summary>Takes a reply to one of the bridge's own requests; it never reaches the client.</summary>
    public void Answer(JsonRpcMessage reply)
    {
        TaskCompletionSource<JsonRpcMessage>? waiter;
        lock (gate)
        {
            privateRequests.Remove(reply.Id!.Value, out waiter);
        }

        Interlocked.Exchange(ref pingSentAt, 0);
        waiter?.TrySetResult(reply);
    }

    /// <summary>Ends the link (idempotent): the first reason given is the one reported.</summary>
    public void Close(string reason)
    {
        if (closed.TrySetResult(reason))
        {
            Stream.Dispose();
        }
    }
}
