using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ModelContextProtocol.Client;
using ProxmoxMcp.Bench.Infrastructure;
using ProxmoxMcp.Simulator;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bench.Http;

/// <summary>
/// proxmox-mcp-http (what `proxmox-mcp serve --http` runs; the AOT binary, one long-lived process) pointed at the HTTPS simulator, with 100
/// Streamable HTTP sessions at once (the SDK's client, bearer token): each initializes, lists its tools, runs a script
/// of mixed read calls and ends its session. Errors (target 0), session set-up and call latency, throughput, the
/// server's peak RSS. Baseline from the same run: one session running the same calls one after another.
/// </summary>
internal sealed class HttpBenchmark : IBenchmark
{
    private const int Sessions = 100;
    private const string Token = "bench-http-token";

    private static readonly (string Tool, string Arguments)[] Script =
    [
        ("get_node_status", """{"node":"pve1"}"""),
        ("get_cluster_resources", "{}"),
        ("get_nodes", "{}"),
        ("get_cluster_status", "{}"),
        ("get_vm", """{"vmid":101}"""),
        ("get_cluster_resources", """{"type":"vm","status":"running"}"""),
    ];

    public string Name => "http";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var callsPerSession = context.Quick ? 10 : 30;
        await using var simulator = await PveSimulator.StartAsync(EstateSize.Demo, cancellationToken);
        var directory = Directory.CreateTempSubdirectory("pmcp-bench-http-").FullName;
        var tokenFile = Path.Combine(directory, "http-tokens");
        await File.WriteAllTextAsync(
            tokenFile, $"bench sha256:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Token)))} rate=1000000/min\n", cancellationToken);
        var port = FreePort.Next();
        var environment = new Dictionary<string, string?>(simulator.ServerEnvironment) { ["PROXMOX_MCP_HTTP_TOKENS"] = tokenFile };
        using var server = Start(await PublishedBinaries.HttpServerAsync(cancellationToken), port, environment);
        try
        {
            var endpoint = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/mcp");
            await WaitForListenerAsync(server, cancellationToken);
            using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1000, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2) };

            var sequential = await SessionAsync(endpoint, handler, 0, callsPerSession * 3, cancellationToken);
            var rssBefore = ProcStatus.RssMiB(server.Id) ?? double.NaN;

            var wall = Stopwatch.GetTimestamp();
            var sessions = await Task.WhenAll(Enumerable.Range(0, Sessions).Select(i => SessionAsync(endpoint, handler, i, callsPerSession, cancellationToken)));
            var seconds = Stopwatch.GetElapsedTime(wall).TotalSeconds;
            var peakRss = ProcStatus.PeakRssMiB(server.Id) ?? double.NaN;
            var threads = ProcStatus.Threads(server.Id) ?? double.NaN;

            var errors = sessions.SelectMany(s => s.Errors).ToList();
            if (errors.Count > 0)
            {
                Console.Error.WriteLine($"bench: http: {errors.Count} errors, e.g. {errors[0]}");
            }

            var latencies = sessions.SelectMany(s => s.Latencies).ToList();
            var setups = sessions.Select(s => s.Setup).Where(s => !double.IsNaN(s)).ToList();
            var label = $"{Sessions} sessions x {callsPerSession} calls";
            var seqName = $"1 session, {callsPerSession * 3} calls in sequence";
            return
            [
                new(Name, $"{label}: errors (sessions and calls)", errors.Count, "errors", Target: "0", TargetMet: errors.Count == 0 && setups.Count == Sessions),
                new(Name, $"{label}: initialize + tools/list p50", Stats.Median(setups), "ms", sequential.Setup, "1 session alone"),
                new(Name, $"{label}: initialize + tools/list p99", Stats.Percentile(setups, 0.99), "ms", sequential.Setup, "1 session alone"),
                new(Name, $"{label}: call latency p50", Stats.Median(latencies), "ms", Stats.Median(sequential.Latencies), seqName),
                new(Name, $"{label}: call latency p99", Stats.Percentile(latencies, 0.99), "ms", Stats.Percentile(sequential.Latencies, 0.99), seqName),
                new(Name, $"{label}: throughput", latencies.Count / seconds, "calls/s", sequential.Latencies.Count / (sequential.Latencies.Sum() / 1000), seqName),
                new(Name, "server peak RSS (one process for all sessions)", peakRss, "MiB", rssBefore, "RSS after the 1-session baseline"),
                new(Name, "server threads after the sessions", threads, "threads"),
            ];
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
            Directory.Delete(directory, recursive: true);
        }
    }

    private static Process Start(string binary, int port, Dictionary<string, string?> environment)
    {
        var psi = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--http", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            psi.Environment[key] = value;
        }

        return Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {binary}");
    }

    private static async Task WaitForListenerAsync(Process server, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await server.StandardError.ReadLineAsync(deadline.Token);
        if (line is null || !line.Contains("serving MCP", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"proxmox-mcp serve --http did not start: {line}{await server.StandardError.ReadToEndAsync(deadline.Token)}");
        }

        _ = server.StandardError.ReadToEndAsync(CancellationToken.None);
    }

    private static async Task<Session> SessionAsync(Uri endpoint, HttpMessageHandler handler, int index, int calls, CancellationToken cancellationToken)
    {
        var session = new Session();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            var started = Stopwatch.GetTimestamp();
            var transport = new HttpClientTransport(
                new HttpClientTransportOptions
                {
                    Endpoint = endpoint,
                    TransportMode = HttpTransportMode.StreamableHttp,
                    AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {Token}" },
                },
                new HttpClient(handler, disposeHandler: false),
                ownsHttpClient: true);
            await using var client = await McpClient.CreateAsync(transport, cancellationToken: deadline.Token);
            var tools = await client.ListToolsAsync(cancellationToken: deadline.Token);
            session.Setup = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (tools.Count == 0)
            {
                session.Errors.Add("tools/list: empty");
            }

            for (var i = 0; i < calls; i++)
            {
                var (tool, arguments) = Script[(i + index) % Script.Length];
                var values = System.Text.Json.JsonDocument.Parse(arguments).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value.Clone());
                var call = Stopwatch.GetTimestamp();
                var result = await client.CallToolAsync(tool, values, cancellationToken: deadline.Token);
                session.Latencies.Add(Stopwatch.GetElapsedTime(call).TotalMilliseconds);
                if (result.IsError == true)
                {
                    session.Errors.Add($"{tool}: tool error");
                }
            }
        }
#pragma warning disable CA1031 // every failure of a session is one error in the table
        catch (Exception e)
#pragma warning restore CA1031
        {
            session.Errors.Add(e.GetType().Name + ": " + e.Message);
        }

        return session;
    }

    private sealed class Session
    {
        public double Setup { get; set; } = double.NaN;

        public List<double> Latencies { get; } = [];

        public ConcurrentBag<string> Errors { get; } = [];
    }
}
