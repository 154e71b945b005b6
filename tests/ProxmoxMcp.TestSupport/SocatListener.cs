using System.Diagnostics;
using System.Net.Sockets;

namespace ProxmoxMcp.TestSupport;

/// <summary>
/// socat listening on 127.0.0.1 and starting one process per connection, as the systemd unit does.
/// Disposing stops socat and every child it started.
/// </summary>
public sealed class SocatListener : IAsyncDisposable
{
    private readonly Process process;

    private SocatListener(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => process.Id;

    /// <summary>
    /// Starts <c>socat TCP-LISTEN:port,... EXEC:"command"</c>. <paramref name="listenOptions"/> are appended to the
    /// listen address (e.g. <c>max-children=20</c>); <paramref name="listenAddress"/> replaces TCP-LISTEN entirely
    /// (e.g. an OPENSSL-LISTEN address with {port} as a placeholder).
    /// </summary>
    public static async Task<SocatListener> StartAsync(
        string execCommand,
        string listenOptions = "",
        string? listenAddress = null,
        IDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var port = FreePort.Next();
        var listen = listenAddress?.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            ?? $"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork{(listenOptions.Length > 0 ? "," + listenOptions : "")}";
        var psi = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add(listen);
        psi.ArgumentList.Add($"EXEC:{execCommand}");
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                psi.Environment[key] = value;
            }
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start (is it installed?)");
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var listener = new SocatListener(process, port);
        await listener.WaitUntilListeningAsync(cancellationToken);
        return listener;
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"socat exited with {process.ExitCode} before listening");
            }

            // Probe the listening socket without connecting (a connect would spawn a server process).
            if (File.ReadAllText("/proc/net/tcp").Contains($":{Port:X4} 00000000:0000 0A", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new TimeoutException($"socat did not listen on {Port}");
    }

    /// <summary>Processes started by socat for its connections (the forked socat children and what they exec).</summary>
    public IReadOnlyList<int> Descendants() => ProcessTree.Descendants(process.Id);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>Opens a TCP connection to the listener.</summary>
    public async Task<TcpClient> ConnectAsync(CancellationToken cancellationToken = default)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
        return client;
    }
}
