using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ProxmoxMcp.Bench.Infrastructure;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Bench.Startup;

/// <summary>
/// What a Claude Desktop connection costs on the Linux side: socat accepts, forks and executes one server per
/// connection, so the time from connect to the initialize reply is paid every time. Measured through socat on
/// 127.0.0.1 (plain TCP, the unit's socket options) for the Native AOT binary, the same server as a JIT build
/// (framework-dependent apphost), and the floor: socat executing cat, which echoes an initialize-sized line.
/// Peak RSS is the server process's VmHWM after initialize and tools/list; RSS at start is its VmHWM right after the
/// initialize reply. A fourth variant runs the AOT server with PROXMOX_MCP_STARTUP_TRACE=1: it writes a line to stderr
/// at each start-up phase (wall clock and its CPU time so far), which gives the table of where the time and CPU go.
/// </summary>
internal sealed class StartupBenchmark : IBenchmark
{
    private const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""";

    private const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    private const string ListTools = """{"jsonrpc":"2.0","id":2,"method":"tools/list"}""";

    public string Name => "startup";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = context.Quick ? 8 : 30;
        var loadBefore = LoadAverage();
        const int warmup = 3;
        var jit = await PublishJitAsync(cancellationToken);
        var cat = File.Exists("/usr/bin/cat") ? "/usr/bin/cat" : "/bin/cat";

        Variant[] variants =
        [
            new("floor", cat, Server: false),
            new("AOT", context.ServerBinary, Server: true),
            new("JIT", jit, Server: true),
            new("AOT traced", context.ServerBinary, Server: true) { Traced = true },
        ];
        var listeners = new List<Process>();
        try
        {
            foreach (var variant in variants)
            {
                variant.Port = FreePort.Next();
                listeners.Add(await StartSocatAsync(variant, cancellationToken));
                variant.Socat = listeners[^1];
            }

            // Interleaved rounds, so drift on a shared machine hits every variant alike; the first rounds warm the page cache.
            for (var round = 0; round < warmup + runs; round++)
            {
                if (round == warmup)
                {
                    variants[3].Phases.Clear();
                }

                foreach (var variant in variants)
                {
                    var (elapsed, peakKiB) = await ConnectOnceAsync(variant, cancellationToken);
                    if (round >= warmup)
                    {
                        variant.Milliseconds.Add(elapsed);
                        if (peakKiB is { } kib)
                        {
                            variant.PeakMiB.Add(kib / 1024.0);
                        }
                    }
                }
            }
        }
        finally
        {
            foreach (var listener in listeners)
            {
                listener.Kill(entireProcessTree: true);
                await listener.WaitForExitAsync(CancellationToken.None);
                listener.Dispose();
            }
        }

        var (floor, aot, jitRuns, traced) = (variants[0], variants[1], variants[2], variants[3]);
        var aotMedian = Median(aot.Milliseconds);
        var floorMedian = Median(floor.Milliseconds);
        var jitMedian = Median(jitRuns.Milliseconds);
        var aotRss = aot.PeakMiB.Max();
        var jitRss = jitRuns.PeakMiB.Max();
        var n = $"n={runs}";
        return
        [
            new("startup", $"floor: socat EXEC:cat echo, median ({n})", floorMedian, "ms"),
            new("startup", $"floor: socat EXEC:cat echo, p90 ({n})", P90(floor.Milliseconds), "ms"),
            new("startup", $"AOT connect->initialize reply, median ({n})", aotMedian, "ms", floorMedian, "floor median", "<= 4x floor (moonshot 2x)", aotMedian <= 4 * floorMedian),
            new("startup", $"AOT connect->initialize reply, p90 ({n})", P90(aot.Milliseconds), "ms", P90(floor.Milliseconds), "floor p90"),
            new("startup", "AOT median minus floor median", aotMedian - floorMedian, "ms"),
            new("startup", $"JIT connect->initialize reply, median ({n})", jitMedian, "ms", floorMedian, "floor median"),
            new("startup", $"JIT connect->initialize reply, p90 ({n})", P90(jitRuns.Milliseconds), "ms", P90(floor.Milliseconds), "floor p90"),
            new("startup", "AOT median vs JIT median", aotMedian, "ms", jitMedian, "JIT median", "<= 0.20x JIT", aotMedian <= jitMedian / 5),
            new("startup", "AOT CPU time to the initialize reply, median (all threads)", Median(aot.CpuMilliseconds), "ms", Median(jitRuns.CpuMilliseconds), "JIT CPU time", "<= 15 ms", Median(aot.CpuMilliseconds) <= 15),
            new("startup", "AOT time waiting for a CPU until the reply, median (summed over threads)", Median(aot.WaitMilliseconds), "ms", Median(jitRuns.WaitMilliseconds), "JIT waiting"),
            new("startup", "AOT RSS at start: VmHWM at the initialize reply, max", aot.StartMiB.Max(), "MiB", jitRuns.StartMiB.Max(), "JIT", "<= 25 MiB", aot.StartMiB.Max() <= 25),
            new("startup", "AOT peak RSS per connection after tools/list (VmHWM, max)", aotRss, "MiB", jitRss, "JIT peak RSS", "<= 40 MiB", aotRss <= 40),
            new("startup", "JIT peak RSS per connection (VmHWM, max)", jitRss, "MiB"),
            new("startup", "AOT binary size", new FileInfo(context.ServerBinary).Length / 1e6, "MB"),
            .. PhaseRows(traced, runs),
            new("startup", "machine load average (1 min) before / after", loadBefore, "", LoadAverage(), "after"),
        ];
    }

    /// <summary>The same server as a framework-dependent JIT build: the apphost, as `proxmox-mcp` would be without AOT.</summary>
    private static async Task<string> PublishJitAsync(CancellationToken cancellationToken)
    {
        var output = RepoPaths.Combine("artifacts", "bench", "jit");
        var existing = Path.Combine(output, "proxmox-mcp");
        var sources = Directory.EnumerateFiles(RepoPaths.Combine("server"), "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Append(RepoPaths.Combine("Directory.Build.props")).Append(RepoPaths.Combine("Directory.Packages.props"));
        if (File.Exists(existing) && sources.All(f => File.GetLastWriteTimeUtc(f) <= File.GetLastWriteTimeUtc(existing)))
        {
            return existing;
        }

        Console.Error.WriteLine("bench: publishing the JIT build of the server (framework-dependent, no AOT, no ReadyToRun)...");
        var result = await ProcessRunner.RunAsync(
            "dotnet",
            ["publish", RepoPaths.Combine("server", "ProxmoxMcp.Server", "ProxmoxMcp.Server.csproj"), "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
             "-p:PublishAot=false", "-p:PublishReadyToRun=false", "-o", output, "-nologo", "-v:q"],
            TimeSpan.FromMinutes(8),
            cancellationToken: cancellationToken);
        var apphost = Path.Combine(output, "proxmox-mcp");
        return result.ExitCode == 0 && File.Exists(apphost) ? apphost : throw new InvalidOperationException($"JIT publish failed: {result}");
    }

    private static async Task<Process> StartSocatAsync(Variant variant, CancellationToken cancellationToken)
    {
        // The unit's listen options without TLS; the server finds one cluster in its environment, as it does under systemd.
        var psi = new ProcessStartInfo("socat") { UseShellExecute = false, RedirectStandardError = true };
        psi.ArgumentList.Add($"TCP-LISTEN:{variant.Port},bind=127.0.0.1,reuseaddr,fork,max-children=16,backlog=64,nodelay");
        psi.ArgumentList.Add($"EXEC:{variant.Executable}");
        foreach (var (name, value) in SingleClusterEnvironment.Create())
        {
            psi.Environment[name] = value;
        }

        if (variant.Traced)
        {
            psi.Environment["PROXMOX_MCP_STARTUP_TRACE"] = "1";
        }

        var process = Process.Start(psi) ?? throw new InvalidOperationException("socat did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line && line.StartsWith("startup-trace ", StringComparison.Ordinal))
            {
                variant.Trace.Enqueue(line);
            }
        };
        process.BeginErrorReadLine();
        var needle = $":{variant.Port:X4}";
        for (var i = 0; i < 500; i++)
        {
            var listening = (await File.ReadAllLinesAsync("/proc/net/tcp", cancellationToken))
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Any(f => f.Length > 3 && f[1].EndsWith(needle, StringComparison.Ordinal) && f[3] == "0A");
            if (listening)
            {
                return process;
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException("socat did not listen");
    }

    /// <summary>One connection: connect, send initialize, read the reply line (timed); then, for servers, tools/list and the VmHWM.</summary>
    private static async Task<(double Milliseconds, long? PeakKiB)> ConnectOnceAsync(Variant variant, CancellationToken cancellationToken)
    {
        long? peak = null;
        double elapsed;
        long connectedAt;
        using (var client = new TcpClient { NoDelay = true })
        {
            variant.Trace.Clear();
            connectedAt = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / 10;
            var clock = Stopwatch.StartNew();
            await client.ConnectAsync("127.0.0.1", variant.Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.UTF8.GetBytes(Initialize + "\n"), cancellationToken);
            var reader = new LineReader(stream);
            var reply = await reader.ReadLineAsync(cancellationToken);
            elapsed = clock.Elapsed.TotalMilliseconds;
            if (reply is null || !reply.Contains("\"id\":1", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{variant.Name}: unexpected reply {reply}");
            }

            if (variant.Server && ServerPid(variant) is { } started && Schedstat(started) is { } sched)
            {
                variant.CpuMilliseconds.Add(sched.OnCpu);
                variant.WaitMilliseconds.Add(sched.Waiting);
                if (PeakKiB(started) is { } atStart)
                {
                    variant.StartMiB.Add(atStart / 1024.0);
                }
            }

            if (variant.Server)
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Initialized + "\n" + ListTools + "\n"), cancellationToken);
                var tools = await reader.ReadLineAsync(cancellationToken);
                if (tools is null || !tools.Contains("\"tools\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"{variant.Name}: no tools/list reply");
                }

                peak = ServerPid(variant) is { } pid ? PeakKiB(pid) : null;
            }
        }

        // Let the connection's processes end before the next one starts, so runs never overlap.
        for (var i = 0; i < 500 && ProcessTree.Descendants(variant.Socat!.Id).Count > 0; i++)
        {
            await Task.Delay(5, cancellationToken);
        }

        if (variant.Traced)
        {
            variant.Phases.Add(ParseTrace(variant.Trace, connectedAt));
        }

        return (elapsed, peak);
    }

    /// <summary>The server's start-up phases, in the order it passes them (Hosting/StartupTrace.cs marks them).</summary>
    private static readonly string[] PhaseNames = ["main", "settings-loaded", "catalog-loaded", "server-built", "first-byte-read", "first-reply-written"];

    /// <summary>startup-trace PHASE UNIX_MICROSECONDS CPU_MS lines: per phase, ms since the client connected and CPU ms used so far.</summary>
    private static Dictionary<string, (double SinceConnect, double Cpu)> ParseTrace(ConcurrentQueue<string> lines, long connectedAtMicros)
    {
        var phases = new Dictionary<string, (double, double)>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var fields = line.Split(' ');
            if (fields.Length >= 4 && fields[0] == "startup-trace")
            {
                phases.TryAdd(
                    fields[1],
                    ((long.Parse(fields[2], CultureInfo.InvariantCulture) - connectedAtMicros) / 1000.0, double.Parse(fields[3], CultureInfo.InvariantCulture)));
            }
        }

        return phases;
    }

    private static IEnumerable<BenchResult> PhaseRows(Variant traced, int runs)
    {
        if (traced.Phases.Count == 0)
        {
            yield break;
        }

        foreach (var phase in PhaseNames)
        {
            var seen = traced.Phases.Where(p => p.ContainsKey(phase)).Select(p => p[phase]).ToList();
            if (seen.Count == 0)
            {
                continue;
            }

            yield return new("startup", $"AOT traced: {phase}, ms since connect, median (n={seen.Count}/{runs})", Median(seen.Select(s => s.SinceConnect).ToList()), "ms");
            yield return new("startup", $"AOT traced: {phase}, process CPU so far, median", Median(seen.Select(s => s.Cpu).ToList()), "ms");
        }
    }

    private static int? ServerPid(Variant variant) =>
        ProcessTree.Descendants(variant.Socat!.Id)
            .Cast<int?>()
            .FirstOrDefault(pid =>
            {
                try
                {
                    return new FileInfo($"/proc/{pid}/exe").LinkTarget is { } exe
                        && (exe == variant.Executable || Path.GetFileName(exe) == "dotnet");
                }
                catch (IOException)
                {
                    return false;
                }
            });

    /// <summary>
    /// CPU time the process's threads have used so far, and time they waited for a CPU (/proc/PID/task/*/schedstat, ns):
    /// what start-up costs regardless of how busy the machine is, and how much the machine's load added.
    /// </summary>
    private static (double OnCpu, double Waiting)? Schedstat(int pid)
    {
        try
        {
            double onCpu = 0, waiting = 0;
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                var fields = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ');
                onCpu += long.Parse(fields[0], CultureInfo.InvariantCulture) / 1e6;
                waiting += long.Parse(fields[1], CultureInfo.InvariantCulture) / 1e6;
            }

            return (onCpu, waiting);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long? PeakKiB(int pid)
    {
        try
        {
            var line = File.ReadAllLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The 1-minute load average: on a shared 2-core machine the figures mean little when it is far above 2.</summary>
    private static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double P90(List<double> values) => Percentile(values, 0.9);

    /// <summary>Nearest-rank percentile.</summary>
    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(p * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    private sealed record Variant(string Name, string Executable, bool Server)
    {
        public int Port { get; set; }

        public Process? Socat { get; set; }

        public List<double> Milliseconds { get; } = [];

        public List<double> PeakMiB { get; } = [];

        public List<double> CpuMilliseconds { get; } = [];

        public List<double> WaitMilliseconds { get; } = [];

        public List<double> StartMiB { get; } = [];

        public bool Traced { get; init; }

        /// <summary>The traced server's stderr lines of the current connection.</summary>
        public ConcurrentQueue<string> Trace { get; } = new();

        public List<Dictionary<string, (double SinceConnect, double Cpu)>> Phases { get; } = [];
    }

    /// <summary>Reads '\n'-terminated lines from a stream without buffering past what it returns.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly List<byte> pending = [];
        private readonly byte[] buffer = new byte[64 * 1024];

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(TimeSpan.FromSeconds(30));
            while (true)
            {
                var newline = pending.IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    var line = Encoding.UTF8.GetString(pending.GetRange(0, newline).ToArray());
                    pending.RemoveRange(0, newline + 1);
                    return line;
                }

                var read = await stream.ReadAsync(buffer, deadline.Token);
                if (read == 0)
                {
                    return null;
                }

                pending.AddRange(buffer.AsSpan(0, read).ToArray());
            }
        }
    }
}
