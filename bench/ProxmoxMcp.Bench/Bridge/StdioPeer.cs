using System.Diagnostics;
using System.Globalization;

namespace ProxmoxMcp.Bench.Bridge;

/// <summary>A stdio-to-TCP process (the bridge, or socat as the baseline) with its stdin/stdout as one line channel.</summary>
internal sealed class StdioPeer : IAsyncDisposable
{
    private readonly Process process;

    private StdioPeer(Process process)
    {
        this.process = process;
        Lines = new LineChannel(new DuplexStream(process.StandardOutput.BaseStream, process.StandardInput.BaseStream));
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
    }

    public LineChannel Lines { get; }

    public static StdioPeer Bridge(string binary, int port) =>
        Start(binary, "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--idle-ping", "0", "--log-level", "warn");

    public static StdioPeer Socat(int port) => Start("socat", "STDIO", $"TCP:127.0.0.1:{port},nodelay");

    /// <summary>Peak resident set (VmHWM) so far, in MiB.</summary>
    public double PeakRssMiB()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
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

    private static StdioPeer Start(string file, params string[] arguments)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        return new StdioPeer(Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {file}"));
    }

    private sealed class DuplexStream(Stream input, Stream output) : Stream
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
