using System.Buffers;

namespace ProxmoxMcp.Bridge.Framing;

/// <summary>Writes one message and its line feed, as a single write when it is small.</summary>
internal static class LineWriter
{
    private const int CoalesceLimit = 64 * 1024;

    public static async ValueTask WriteLineAsync(Stream stream, ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        if (line.Length < CoalesceLimit)
        {
            var rented = ArrayPool<byte>.Shared.Rent(line.Length + 1);
            try
            {
                line.Span.CopyTo(rented);
                rented[line.Length] = (byte)'\n';
                await stream.WriteAsync(rented.AsMemory(0, line.Length + 1), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
        else
        {
            await stream.WriteAsync(line, cancellationToken);
            await stream.WriteAsync(NewLine, cancellationToken);
        }

        await stream.FlushAsync(cancellationToken);
    }

    private static readonly ReadOnlyMemory<byte> NewLine = new[] { (byte)'\n' };
}
