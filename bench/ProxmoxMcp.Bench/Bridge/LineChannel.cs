namespace ProxmoxMcp.Bench.Bridge;

/// <summary>Reads newline-terminated messages as bytes; the same reader for the direct socket and the bridge's stdout.</summary>
internal sealed class LineChannel(Stream stream)
{
    private byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    public Stream Stream => stream;

    public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var scanned = start;
        while (true)
        {
            var newline = buffer.AsSpan(scanned, end - scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var line = buffer.AsSpan(start, scanned + newline - start).ToArray();
                start = scanned + newline + 1;
                return line;
            }

            scanned = end;
            if (end == buffer.Length)
            {
                var pending = end - start;
                var next = pending > buffer.Length / 2 ? new byte[buffer.Length * 2] : buffer;
                buffer.AsSpan(start, pending).CopyTo(next);
                buffer = next;
                scanned -= start;
                start = 0;
                end = pending;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            end += read;
        }
    }

    public async Task WriteLineAsync(byte[] line, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(line, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }
}
