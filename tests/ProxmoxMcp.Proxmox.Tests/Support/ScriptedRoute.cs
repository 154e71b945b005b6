using System.Threading.Channels;

namespace ProxmoxMcp.Proxmox.Tests.Support;

/// <summary>
/// A route (method and escaped path below /api2/json) that plays one reply per call (the last one repeats): answer,
/// throw, or hang until the request is cancelled, as a socket does. Tells the test when each call arrives.
/// Register it with <see cref="PveMock.On(HttpMethod, string, ScriptedRoute.Reply[])"/>; it is consulted before the
/// MockHttp routes (MockHttp 7.1 never completes a call whose responder returns a faulted or cancelled task).
/// </summary>
public sealed class ScriptedRoute(HttpMethod method, string path, params ScriptedRoute.Reply[] replies)
{
    private readonly Channel<int> arrivals = Channel.CreateUnbounded<int>();
    private int calls;

    public delegate Task<HttpResponseMessage> Reply(CancellationToken cancellationToken);

    public int Calls => Volatile.Read(ref calls);

    public static Reply Answer(Func<HttpResponseMessage> response) => _ => Task.FromResult(response());

    public static Reply Fail(Func<Exception> exception) => _ => Task.FromException<HttpResponseMessage>(exception());

    /// <summary>Never answers; completes as cancelled when the request's token is cancelled (as a real socket does).</summary>
    public static Reply Hang() => async cancellationToken =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("unreachable");
    };

    /// <summary>Answers 200 with headers at once, then a body that never ends (until cancelled).</summary>
    public static Reply StallBody() => _ => Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
    {
        Content = new StreamContent(new StallingStream()),
    });

    /// <summary>Waits until the <paramref name="count"/>th call has arrived.</summary>
    public async Task WaitForCallAsync(int count, CancellationToken cancellationToken)
    {
        while (Calls < count)
        {
            await arrivals.Reader.ReadAsync(cancellationToken);
        }
    }

    public bool Matches(HttpRequestMessage request) =>
        request.Method == method && request.RequestUri?.AbsolutePath == RecordedRequest.ApiPrefix + path;

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var n = Interlocked.Increment(ref calls);
        var reply = replies[Math.Min(n - 1, replies.Length - 1)];
        var result = reply(cancellationToken);
        arrivals.Writer.TryWrite(n);
        return result;
    }

    private sealed class StallingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous read");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
