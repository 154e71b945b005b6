using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace ProxmoxMcp.Server.Tests.Support;

/// <summary>Passes the server's output through and keeps every line it writes, with the time it was written.</summary>
public sealed class WireRecorder
{
    private readonly Lock gate = new();
    private readonly List<(DateTimeOffset At, string Line)> lines = [];
    private readonly List<byte> partial = [];

    /// <summary>Every complete line the server wrote, in order.</summary>
    public IReadOnlyList<(DateTimeOffset At, string Line)> Lines
    {
        get
        {
            lock (gate)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>The messages the server wrote, parsed.</summary>
    public IReadOnlyList<JsonObject> Messages => [.. Lines.Select(l => JsonNode.Parse(l.Line)!.AsObject())];

    /// <summary>Server-to-client requests (a method and an id), e.g. elicitation/create.</summary>
    public IReadOnlyList<JsonObject> ServerRequests => [.. Messages.Where(m => m["method"] is not null && m["id"] is not null)];

    /// <summary>Results that ask the client for input (MRTR), with the time each was written.</summary>
    public IReadOnlyList<(DateTimeOffset At, JsonObject Message)> InputRequiredResults =>
        [.. Lines.Select(l => (l.At, Message: JsonNode.Parse(l.Line)!.AsObject()))
            .Where(l => l.Message["result"]?["resultType"]?.GetValue<string>() == "input_required")];

    public Stream Wrap(Stream inner) => new Tap(inner, this);

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (gate)
        {
            foreach (var b in bytes)
            {
                if (b != (byte)'\n')
                {
                    partial.Add(b);
                    continue;
                }

                lines.Add((DateTimeOffset.UtcNow, Encoding.UTF8.GetString([.. partial]).TrimEnd('\r')));
                partial.Clear();
            }
        }
    }

    private sealed class Tap(Stream inner, WireRecorder recorder) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            recorder.Record(buffer.AsSpan(offset, count));
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            recorder.Record(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
