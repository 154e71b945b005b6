using System.Text;

namespace ProxmoxMcp.Server.Audit;

/// <summary>
/// The audit log on disk. socat runs one server process per connection, so several processes append at once: each
/// append holds an exclusive lock on the file (FileShare.None, which .NET implements on Unix with flock) from reading
/// the last line to writing the new one, so every line chains to the line really before it. A busy lock is retried.
/// </summary>
public static class AuditFile
{
    /// <summary>How long an append or a read waits for another process's lock before giving up.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Appends the line <paramref name="seal"/> makes from the last line's hash, and flushes it to disk.</summary>
    public static async Task AppendAsync(string path, Func<string, string> seal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seal);
        await using var file = await OpenAsync(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, cancellationToken);
        var (last, endsWithNewline) = ReadLastLine(file);
        var line = seal(last is null ? AuditChain.Genesis : AuditChain.HashOf(last));
        var bytes = Encoding.UTF8.GetBytes((endsWithNewline ? "" : "\n") + line + "\n");
        file.Seek(0, SeekOrigin.End);
        await file.WriteAsync(bytes, cancellationToken);
        file.Flush(flushToDisk: true);
    }

    /// <summary>Every line of the log, read under a shared lock (so not in the middle of an append).</summary>
    public static async Task<IReadOnlyList<string>> ReadLinesAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = await OpenAsync(path, FileMode.Open, FileAccess.Read, FileShare.Read, cancellationToken);
        using var reader = new StreamReader(file, new UTF8Encoding(false, true));
        var text = await reader.ReadToEndAsync(cancellationToken);
        var lines = text.Split('\n');
        return text.EndsWith('\n') ? lines[..^1] : lines.Length == 1 && lines[0].Length == 0 ? [] : lines;
    }

    private static async Task<FileStream> OpenAsync(string path, FileMode mode, FileAccess access, FileShare share, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        while (true)
        {
            try
            {
                return new FileStream(path, mode, access, share, bufferSize: 0);
            }
            catch (IOException e) when (IsLocked(e) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(Random.Shared.Next(2, 20), cancellationToken);
            }
        }
    }

    /// <summary>Another process holds the lock: on Unix flock's EWOULDBLOCK (errno 11 on Linux, 35 on macOS), on Windows a sharing or lock violation.</summary>
    private static bool IsLocked(IOException e) => e.GetType() == typeof(IOException) && (e.HResult is 11 or 35 || (e.HResult & 0xFFFF) is 32 or 33);

    /// <summary>The text after the last line break but one (null for an empty file), and whether the file ends with a line break.</summary>
    private static (string? Line, bool EndsWithNewline) ReadLastLine(FileStream file)
    {
        var length = file.Length;
        if (length == 0)
        {
            return (null, true);
        }

        var buffer = new List<byte>();
        var chunk = new byte[4096];
        var position = length;
        var endsWithNewline = false;
        while (position > 0)
        {
            var size = (int)Math.Min(chunk.Length, position);
            position -= size;
            file.Seek(position, SeekOrigin.Begin);
            file.ReadExactly(chunk, 0, size);
            for (var i = size - 1; i >= 0; i--)
            {
                if (chunk[i] == (byte)'\n')
                {
                    if (position + i == length - 1)
                    {
                        endsWithNewline = true;
                        continue;
                    }

                    return (Decode(buffer), endsWithNewline);
                }

                buffer.Add(chunk[i]);
            }
        }

        return (Decode(buffer), endsWithNewline);
    }

    private static string Decode(List<byte> reversed)
    {
        reversed.Reverse();
        return Encoding.UTF8.GetString([.. reversed]);
    }
}
