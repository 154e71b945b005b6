using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using ProxmoxMcp.Bench.Bridge;
using ProxmoxMcp.Bench.Infrastructure;
using ProxmoxMcp.Simulator;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bench.Concurrency;

/// <summary>
/// Many clients at once, as the systemd unit serves them: socat TCP-LISTEN,fork EXEC:proxmox-mcp (one AOT process
/// per connection) pointed at the HTTPS simulator. 50 connections each run a script of mixed read calls at the same
/// time. Baselines from the same run: the same script through one connection, sequentially (latency, RSS), and
/// socat EXEC:cat (the connection set-up floor).
/// </summary>
internal sealed class ConcurrencyBenchmark : IBenchmark
{
    private const int Connections = 50;
    private const double TargetRssMiB = 35;

    public string Name => "concurrency";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var callsPerConnection = context.Quick ? 30 : 100;
        var sequentialCalls = context.Quick ? 200 : 1000;
        await using var simulator = await PveSimulator.StartAsync(EstateSize.Demo, cancellationToken);
        var script = await ScriptAsync(context, simulator, cancellationToken);

        // Baseline: one connection, the same mixed calls one after another.
        Run sequential;
        double sequentialRss;
        await using (var listener = await SocatListener.StartAsync(context.ServerBinary, "backlog=128", environment: simulator.ServerEnvironment, cancellationToken: cancellationToken))
        {
            var started = Stopwatch.GetTimestamp();
            var one = await ConnectionAsync(listener.Port, script, sequentialCalls, cancellationToken);
            sequential = new Run([one], Stopwatch.GetElapsedTime(started).TotalSeconds);
            sequentialRss = ServerPids(listener).Select(pid => ProcStatus.PeakRssMiB(pid) ?? 0).DefaultIfEmpty(double.NaN).Max();
            one.Close();
        }

        var catSetup = await CatFloorAsync(cancellationToken);
        simulator.Cluster.Requests.Clear();

        // The real thing: 50 connections at once.
        await using var server = await SocatListener.StartAsync(context.ServerBinary, "backlog=128", environment: simulator.ServerEnvironment, cancellationToken: cancellationToken);
        using var sampling = new CancellationTokenSource();
        var sampler = SampleAsync(server, sampling.Token);
        var wall = Stopwatch.GetTimestamp();
        var clients = await Task.WhenAll(Enumerable.Range(0, Connections).Select(i => ConnectionAsync(server.Port, Rotate(script, i), callsPerConnection, cancellationToken)));
        var concurrent = new Run(clients, Stopwatch.GetElapsedTime(wall).TotalSeconds);

        // Every process is still alive (its connection is open): its VmHWM is its peak for the whole session.
        var pids = ServerPids(server);
        var peaks = pids.Select(pid => ProcStatus.PeakRssMiB(pid)).OfType<double>().ToList();
        var shares = pids.Select(pid => ProcStatus.PssMiB(pid)).OfType<double>().ToList();
        var threads = pids.Select(pid => ProcStatus.Threads(pid)).OfType<double>().ToList();
        await sampling.CancelAsync();
        var (peakTotalRss, peakTotalPss, peakProcesses) = await sampler;
        foreach (var client in clients)
        {
            client.Close();
        }

        var left = await LeftoverAsync(server);
        simulator.Cluster.Requests.Clear();

        var failed = concurrent.Errors.Count;
        if (failed > 0)
        {
            Console.Error.WriteLine($"bench: concurrency: {failed} failed calls, e.g. {concurrent.Errors.First()}");
        }

        var maxRss = peaks.DefaultIfEmpty(double.NaN).Max();
        var calls = Connections * callsPerConnection;
        var label = $"{Connections} connections x {callsPerConnection} calls";
        var seqName = $"1 connection, {sequentialCalls} calls in sequence";
        return
        [
            new(Name, $"{label}: failed calls", failed, "calls", Target: "0", TargetMet: failed == 0),
            new(Name, $"{label}: call latency p50", Stats.Median(concurrent.Latencies), "ms", Stats.Median(sequential.Latencies), seqName),
            new(Name, $"{label}: call latency p99", Stats.Percentile(concurrent.Latencies, 0.99), "ms", Stats.Percentile(sequential.Latencies, 0.99), seqName),
            new(Name, $"{label}: throughput", calls / concurrent.Seconds, "calls/s", sequentialCalls / sequential.Seconds, seqName),
            new(Name, $"{label}: connect -> initialize reply p50", Stats.Median(concurrent.Setups), "ms", catSetup, $"socat EXEC:cat echo, {Connections} at once"),
            new(Name, $"{label}: connect -> initialize reply p99", Stats.Percentile(concurrent.Setups, 0.99), "ms"),
            new(Name, $"peak RSS per server process, max of {peaks.Count}", maxRss, "MiB", sequentialRss, seqName, $"<= {TargetRssMiB:0} MiB", maxRss <= TargetRssMiB && peaks.Count == Connections),
            new(Name, "peak RSS per server process, median", Stats.Median(peaks), "MiB", sequentialRss, seqName, "<= 1 connection's peak", Stats.Median(peaks) <= sequentialRss),
            new(Name, "PSS per server process at the end, median (its share of shared pages)", Stats.Median(shares), "MiB"),
            new(Name, "threads per server process at the end, median / max", Stats.Median(threads), "threads", threads.DefaultIfEmpty(double.NaN).Max(), "max"),
            new(Name, $"peak total RSS of {peakProcesses} server processes (sampled)", peakTotalRss, "MiB"),
            new(Name, "peak total PSS (shared code counted once)", peakTotalPss, "MiB"),
            new(Name, "server processes left after all closed", left, "procs", Target: "0", TargetMet: left == 0),
        ];
    }

    /// <summary>The mixed read calls, starting at a different place for each connection.</summary>
    private static IEnumerable<(string Tool, string Arguments)> Rotate(List<(string Tool, string Arguments)> script, int by) =>
        script.Skip(by % script.Count).Concat(script.Take(by % script.Count));

    private static async Task<List<(string Tool, string Arguments)>> ScriptAsync(BenchContext context, PveSimulator simulator, CancellationToken cancellationToken)
    {
        List<(string Tool, string Arguments)> script =
        [
            ("get_node_status", """{"node":"pve1"}"""),
            ("get_cluster_resources", "{}"),
            ("get_nodes", "{}"),
            ("get_node_metrics", """{"node":"pve2"}"""),
            ("get_cluster_status", "{}"),
            ("get_cluster_resources", """{"type":"vm","status":"running"}"""),
            ("get_node_status", """{"node":"pve3"}"""),
        ];
        await using var probe = ServerProcess.Start(context.ServerBinary, simulator.ServerEnvironment);
        await probe.Session.InitializeAsync(cancellationToken);
        var tools = await probe.Session.ListToolsAsync(cancellationToken);
        if (tools.Contains("get_vm"))
        {
            script.Add(("get_vm", """{"vmid":101}"""));
        }

        if (tools.Contains("get_vms"))
        {
            script.Add(("get_vms", """{"node":"pve2"}"""));
        }

        return script;
    }

    private static async Task<Client> ConnectionAsync(int port, IEnumerable<(string Tool, string Arguments)> script, int calls, CancellationToken cancellationToken)
    {
        var client = new Client();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(3));
        try
        {
            var started = Stopwatch.GetTimestamp();
            await client.Tcp.ConnectAsync("127.0.0.1", port, deadline.Token);
            var session = new McpSession(client.Tcp.GetStream());
            var init = await session.InitializeAsync(deadline.Token);
            client.Setup = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (init.Error is not null)
            {
                client.Errors.Add("initialize: " + init.Error);
                return client;
            }

            using var steps = Cycle(script).GetEnumerator();
            for (var i = 0; i < calls && steps.MoveNext(); i++)
            {
                var (tool, arguments) = steps.Current;
                var reply = await session.CallToolAsync(tool, arguments, deadline.Token);
                client.Latencies.Add(reply.Milliseconds);
                if (reply.Error is not null)
                {
                    client.Errors.Add($"{tool}: {reply.Error}");
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
        {
            client.Errors.Add(e.GetType().Name + ": " + e.Message);
        }

        return client;
    }

    private static IEnumerable<T> Cycle<T>(IEnumerable<T> items)
    {
        var list = items.ToList();
        while (true)
        {
            foreach (var item in list)
            {
                yield return item;
            }
        }
    }

    /// <summary>Median time from connect to the first line back through socat EXEC:cat, 50 connections at once.</summary>
    private static async Task<double> CatFloorAsync(CancellationToken cancellationToken)
    {
        await using var cat = await SocatListener.StartAsync("cat", "backlog=128", cancellationToken: cancellationToken);
        var line = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"proxmox-mcp-bench","version":"1"}}}""" + "\n");
        var times = await Task.WhenAll(Enumerable.Range(0, Connections).Select(async connection =>
        {
            var started = Stopwatch.GetTimestamp();
            using var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync("127.0.0.1", cat.Port, cancellationToken);
            var lines = new LineChannel(tcp.GetStream());
            await lines.WriteLineAsync(line, cancellationToken);
            _ = await lines.ReadLineAsync(cancellationToken);
            return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }));
        return Stats.Median(times);
    }

    private static List<int> ServerPids(SocatListener listener) =>
        listener.Descendants().Where(pid => ProcStatus.Command(pid) == "proxmox-mcp").ToList();

    /// <summary>Samples the server processes every 100 ms: the highest sum of RSS and of PSS, and the most processes at once.</summary>
    private static async Task<(double Rss, double Pss, int Processes)> SampleAsync(SocatListener listener, CancellationToken cancellationToken)
    {
        double rss = 0, pss = 0;
        var processes = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var pids = ServerPids(listener);
            rss = Math.Max(rss, pids.Sum(pid => ProcStatus.RssMiB(pid) ?? 0));
            pss = Math.Max(pss, pids.Sum(pid => ProcStatus.PssMiB(pid) ?? 0));
            processes = Math.Max(processes, pids.Count);
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (rss, pss, processes);
    }

    /// <summary>Waits up to 15 s for every process socat started to exit; returns how many are left.</summary>
    private static async Task<int> LeftoverAsync(SocatListener listener)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 15;
        while (true)
        {
            var left = listener.Descendants().Count;
            if (left == 0 || Stopwatch.GetTimestamp() > until)
            {
                return left;
            }

            await Task.Delay(100);
        }
    }

    private sealed class Client
    {
        public TcpClient Tcp { get; } = new() { NoDelay = true };

        public double Setup { get; set; } = double.NaN;

        public List<double> Latencies { get; } = [];

        public ConcurrentBag<string> Errors { get; } = [];

        public void Close() => Tcp.Dispose();
    }

    private sealed record Run(IReadOnlyList<Client> Clients, double Seconds)
    {
        public List<double> Latencies => Clients.SelectMany(c => c.Latencies).ToList();

        public List<double> Setups => Clients.Select(c => c.Setup).Where(s => !double.IsNaN(s)).ToList();

        public List<string> Errors => Clients.SelectMany(c => c.Errors).ToList();
    }
}
