namespace ProxmoxMcp.Bridge.Framing;

/// <summary>
/// Reads newline-delimited messages from a stream, one whole line at a time (CRLF tolerated, blank lines skipped).
/// A line is held in full before it is returned, so nothing is ever forwarded half; a line longer than the limit is
/// skipped while streaming, keeping only what <see cref="OverlongLineScanner"/> learns about it.
/// Large lines cost few passes over memory: the buffer grows fourfold (a 10 MB line is copied about 5 MB in total, not
/// 16 MB as with doubling), grown buffers are not zeroed first, and a line filling a quarter or more of a grown buffer
/// is handed over in that buffer instead of being copied out (the reader carries on in a small one, so nothing big
/// stays behind).
/// </summary>
internal sealed class LineReader
{
    private const int InitialBufferSize = 64 * 1024;
    private const int GrowthFactor = 4;
    private readonly Stream stream;
    private readonly int maxLineBytes;
    private readonly Action<int>? onBytes;
    private byte[] buffer = new byte[InitialBufferSize];
    private int start;
    private int end;

    /// <param name="onBytes">Called with every chunk's size as it arrives (liveness tracking).</param>
    public LineReader(Stream stream, int maxLineBytes, Action<int>? onBytes = null)
    {
        this.stream = stream;
        this.maxLineBytes = maxLineBytes;
        this.onBytes = onBytes;
    }

    /// <summary>Set when the stream ended inside a line that was not complete JSON (and was therefore dropped).</summary>
    public int TruncatedTailBytes { get; private set; }

    public async ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken)
    {
        var scanFrom = start;
        while (true)
        {
            var newline = buffer.AsSpan(scanFrom, end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineEnd = scanFrom + newline;
                if (lineEnd - start > maxLineBytes)
                {
                    var scanner = new OverlongLineScanner();
                    scanner.Feed(buffer.AsSpan(start, lineEnd - start));
                    Take(start, lineEnd + 1);
                    return new ReadResult(ReadOutcome.Overlong, Overlong: scanner.Result());
                }

                var line = Take(lineEnd, lineEnd + 1);
                if (line is { } taken)
                {
                    return new ReadResult(ReadOutcome.Line, taken);
                }

                scanFrom = start;
                continue;
            }

            scanFrom = end;
            if (end - start > maxLineBytes)
            {
                return new ReadResult(ReadOutcome.Overlong, Overlong: await SkipOverlongAsync(cancellationToken));
            }

            if (end == buffer.Length)
            {
                scanFrom -= start;
                MakeRoom();
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                return EndOfStream();
            }

            onBytes?.Invoke(read);
            end += read;
        }
    }

    /// <summary>Returns the content of buffer[start..lineEnd) (without CR) and consumes through <paramref name="consumeTo"/>; null for a blank line.</summary>
    private ReadOnlyMemory<byte>? Take(int lineEnd, int consumeTo)
    {
        var lineStart = start;
        var content = buffer.AsSpan(lineStart, lineEnd - lineStart);
        start = consumeTo;
        if (content.Trim(" \t\r"u8).IsEmpty)
        {
            ReleaseIfDrained();
            return null;
        }

        var length = content.TrimEnd((byte)'\r').Length;
        if (buffer.Length > InitialBufferSize && length >= buffer.Length / GrowthFactor)
        {
            // The line fills a quarter or more of a grown buffer: it keeps that buffer; what was read past it moves on.
            var line = buffer.AsMemory(lineStart, length);
            var rest = end - start;
            var next = rest <= InitialBufferSize ? new byte[InitialBufferSize] : LargeBuffers.Allocate(rest + InitialBufferSize);
            buffer.AsSpan(start, rest).CopyTo(next);
            buffer = next;
            start = 0;
            end = rest;
            return line;
        }

        var copy = content[..length].ToArray();
        ReleaseIfDrained();
        return copy;
    }

    /// <summary>Once everything read is consumed: starts again at the front, in a small buffer if this one had grown.</summary>
    private void ReleaseIfDrained()
    {
        if (start == end)
        {
            start = end = 0;
            if (buffer.Length > InitialBufferSize * GrowthFactor)
            {
                buffer = new byte[InitialBufferSize];
            }
        }
    }

    private void MakeRoom()
    {
        var pending = end - start;
        if (start > 0 && pending < buffer.Length / 2)
        {
            buffer.AsSpan(start, pending).CopyTo(buffer);
        }
        else
        {
            // Not zeroed: every byte up to 'end' is written before it is read, and pages never written stay unmapped.
            var size = (int)Math.Min((long)buffer.Length * GrowthFactor, (long)maxLineBytes + InitialBufferSize + 1);
            var bigger = LargeBuffers.Allocate(Math.Max(size, pending + InitialBufferSize));
            buffer.AsSpan(start, pending).CopyTo(bigger);
            buffer = bigger;
        }

        start = 0;
        end = pending;
    }

    private ReadResult EndOfStream()
    {
        if (end > start)
        {
            // The last line had no line feed: keep it only if it is a complete JSON value, never half a message.
            if (Take(end, end) is { } tail)
            {
                if (IsCompleteJson(tail.Span))
                {
                    return new ReadResult(ReadOutcome.Line, tail);
                }

                TruncatedTailBytes = tail.Length;
            }
        }

        return new ReadResult(ReadOutcome.EndOfStream);
    }

    private static bool IsCompleteJson(ReadOnlySpan<byte> line)
    {
        try
        {
            var reader = new System.Text.Json.Utf8JsonReader(line, new System.Text.Json.JsonReaderOptions { MaxDepth = 4096 });
            while (reader.Read())
            {
            }

            return true;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private async ValueTask<OverlongLine> SkipOverlongAsync(CancellationToken cancellationToken)
    {
        var scanner = new OverlongLineScanner();
        scanner.Feed(buffer.AsSpan(start, end - start));
        start = end;
        ReleaseIfDrained();

        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(0, InitialBufferSize), cancellationToken);
            if (read == 0)
            {
                return scanner.Result();
            }

            onBytes?.Invoke(read);
            var newline = buffer.AsSpan(0, read).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                scanner.Feed(buffer.AsSpan(0, newline));
                start = newline + 1;
                end = read;
                return scanner.Result();
            }

            scanner.Feed(buffer.AsSpan(0, read));
        }
    }
}
