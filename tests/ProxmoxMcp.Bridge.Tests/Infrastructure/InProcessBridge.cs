using System.IO.Pipelines;
using System.Text;
using System.Text.Json.Nodes;
using ProxmoxMcp.Bridge.Configuration;
using ProxmoxMcp.Bridge.Logging;
using ProxmoxMcp.Bridge.Session;
using ProxmoxMcp.Bridge.Transport;

namespace ProxmoxMcp.Bridge.Tests.Infrastructure;

/// <summary>
/// The bridge's session run in this process on in-memory pipes for stdin/stdout: the test plays the MCP client.
/// </summary>
internal sealed class InProcessBridge : IAsyncDisposable
{
    private readonly Pipe stdin = new();
    private readonly Pipe stdout = new(new PipeOptions(pauseWriterThreshold: 0));
    private readonly StreamReader reader;
    private readonly CancellationTokenSource stop = new();
    private readonly Stream stdinWriter;

    private InProcessBridge(BridgeSettings settings, TlsClientFactory? tls)
    {
        var log = new BridgeLog(settings.LogLevel, Log);
        stdinWriter = stdin.Writer.AsStream();
        reader = new StreamReader(stdout.Reader.AsStream(), new UTF8Encoding(false), false, 1 << 16);
        var session = new BridgeSession(settings, log, stdin.Reader.AsStream(), stdout.Writer.AsStream(), new TcpServerConnector(settings, tls));
        Exit = Task.Run(async () =>
        {
            try
            {
                return await session.RunAsync(stop.Token);
            }
            finally
            {
                await stdout.Writer.CompleteAsync();
                log.Dispose();
                tls?.Dispose();
            }
        });
    }

    public LogCapture Log { get; } = new();

    /// <summary>Completes with the exit code the bridge process would have returned.</summary>
    public Task<int> Exit { get; }

    /// <summary>Settings for a bridge pointed at a loopback port: fast retries, no idle pings unless a test wants them.</summary>
    public static BridgeSettings Settings(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(200),
        IdlePing = TimeSpan.Zero,
        LogLevel = LogLevel.Debug,
    };

    public static InProcessBridge Start(BridgeSettings settings) =>
        new(settings, settings.Tls is { } tls ? TlsClientFactory.Create(tls) : null);

    public async Task SendAsync(string line) => await SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        await stdinWriter.WriteAsync(bytes);
        await stdinWriter.FlushAsync();
    }

    public void CloseStdin() => stdin.Writer.Complete();

    /// <summary>The next line the bridge writes to stdout, raw.</summary>
    public async Task<string> ReadLineAsync()
    {
        using var cts = new CancellationTokenSource(TestTimeouts.Step);
        try
        {
            return await reader.ReadLineAsync(cts.Token) ?? throw new EndOfStreamException("the bridge closed stdout");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no message from the bridge within {TestTimeouts.Step}; log:\n{Log.Text}");
        }
    }

    public async Task<JsonObject> ReadAsync() => Json.Parse(await ReadLineAsync());

    /// <summary>Sends initialize and notifications/initialized and returns the initialize reply.</summary>
    public async Task<JsonObject> InitializeAsync(object id)
    {
        await SendAsync(Json.Initialize(id));
        var reply = await ReadAsync();
        await SendAsync(Json.Notification("notifications/initialized"));
        return reply;
    }

    public async Task<int> WaitForExitAsync()
    {
        try
        {
            return await Exit.WaitAsync(TestTimeouts.Step);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the bridge did not exit; log:\n{Log.Text}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await Exit.WaitAsync(TestTimeouts.Step);
        }
        catch (TimeoutException)
        {
        }

        stop.Dispose();
    }
}
