using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>The published bridge binary as a child process: the test writes its stdin and reads its stdout and stderr.</summary>
internal sealed class BridgeProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> lines = Channel.CreateUnbounded<string>();

    private BridgeProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                lines.Writer.TryComplete();
            }
            else
            {
                lines.Writer.TryWrite(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Log.WriteLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public LogCapture Log { get; } = new();

    public int Id => process.Id;

    public static async Task<BridgeProcess> StartAsync(IEnumerable<string> arguments, IDictionary<string, string?>? environment = null)
    {
        var psi = new ProcessStartInfo(await PublishedBinaries.BridgeAsync())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            psi.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            psi.Environment[key] = value;
        }

        return new BridgeProcess(Process.Start(psi)!);
    }

    public async Task SendAsync(string line)
    {
        await process.StandardInput.WriteAsync(line + "\n");
        await process.StandardInput.FlushAsync();
    }

    public void CloseStdin() => process.StandardInput.Close();

    public async Task<JsonObject> ReadAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Step);
        try
        {
            return Json.Parse(await lines.Reader.ReadAsync(cts.Token));
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message from the bridge; stderr:\n{Log.Text}");
        }
    }

    public async Task SignalAsync(string signal) =>
        await ProcessRunner.RunAsync("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TestTimeouts.Step);

    public async Task<int> WaitForExitAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Process);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the bridge did not exit; stderr:\n{Log.Text}");
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
