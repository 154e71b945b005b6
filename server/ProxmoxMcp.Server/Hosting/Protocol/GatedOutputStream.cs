using System.Buffers;
using System.Text.Json;

namespace ProxmoxMcp.Server.Hosting.Protocol;

/// <summary>
/// stdout, shared by the SDK and the guard: bytes are written a whole line at a time under one lock, so an error
/// reply from the guard can never land inside a message from the SDK. Replies also mark their request as answered.
/// </summary>
public sealed class GatedOutputStream(Stream inner, InFlightRequests inFlight) : Stream
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ArrayBufferWriter<byte> pending = new();

    /// <summary>Set when stdout is gone (the client disconnected): nobody can read replies any more.</summary>
    public bool IsBroken { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            pending.Write(buffer.Span);
            var written = pending.WrittenMemory;
            var end = written.Span.LastIndexOf((byte)'\n');
            if (end < 0)
            {
                return;
            }

            var lines = written[..(end + 1)];
            MarkAnswered(lines.Span);
            await WriteInnerAsync(lines, cancellationToken);
            StartupTrace.FirstReplyWritten();
            var rest = written[(end + 1)..].ToArray();
            pending.ResetWrittenCount();
            pending.Write(rest);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes one complete line (the guard's own error replies).</summary>
    public async Task WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await WriteInnerAsync(line, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => IsBroken ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            gate.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task WriteInnerAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        if (IsBroken)
        {
            return;
        }

        try
        {
            await inner.WriteAsync(bytes, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        catch (IOException)
        {
            IsBroken = true;
            throw;
        }
    }

    private void MarkAnswered(ReadOnlySpan<byte> lines)
    {
        while (lines.Length > 0)
        {
            var end = lines.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            if (ResponseId(line) is { } id)
            {
                inFlight.Finished(id);
            }

            lines = end < 0 ? [] : lines[(end + 1)..];
        }
    }

    /// <summary>The id of a response (a message with result or error and no method), read without a full parse.</summary>
    private static string? ResponseId(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        string? id = null;
        var isResponse = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("method"u8))
                {
                    return null;
                }

                var isId = reader.ValueTextEquals("id"u8);
                isResponse |= reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isId)
                {
                    id = RequestIds.From(ref reader);
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return isResponse ? id : null;
    }
}
