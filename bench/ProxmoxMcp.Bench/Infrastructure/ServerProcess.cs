using System.Diagnostics;

namespace ProxmoxMcp.Bench.Infrastructure;

/// <summary>The AOT server (proxmox-mcp) as a child process speaking MCP over its stdin/stdout, as Claude Desktop runs it.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;

    private ServerProcess(Process process)
    {
        this.process = process;
        Session = new McpSession(new DuplexStream(process.StandardOutput.BaseStream, process.StandardInput.BaseStream));
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                StandardError.Add(line);
            }
        };
        process.BeginErrorReadLine();
    }

    public McpSession Session { get; }

    public int Id => process.Id;

    /// <summary>What the server wrote to stderr (its log), for diagnosing a failed run.</summary>
    public List<string> StandardError { get; } = [];

    public static ServerProcess Start(string binary, IReadOnlyDictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo(binary)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        return new ServerProcess(Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {binary}"));
    }

    public double PeakRssMiB() => ProcStatus.PeakRssMiB(process.Id) ?? double.NaN;

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // already gone
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    /// <summary>Reads from one stream and writes to another (a child's stdout and stdin as one duplex stream).</summary>
    internal sealed class DuplexStream(Stream input, Stream output) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => output.WriteAsync(buffer, cancellationToken);

        public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

        public override void Flush() => output.Flush();

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
