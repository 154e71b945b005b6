using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ProxmoxMcp.Bench.Bridge;

/// <summary>
/// The stdio bridge against a direct TCP client to the same loopback server in the same run: added round-trip latency,
/// 10 MB reply throughput, start-up to the first forwarded reply, and peak RSS (socat STDIO as the process baseline).
/// socat's own 10 MB throughput through the same pipe and reader shows what any stdio relay can reach here.
/// </summary>
internal sealed class BridgeBenchmark : IBenchmark
{
    private const int BigReplyBytes = 10 * 1000 * 1000;
    public string Name => "bridge";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var pings = context.Quick ? 200 : 1000;
        var transfers = context.Quick ? 2 : 5;
        var starts = context.Quick ? 3 : 10;
        using var server = new LoopbackMcpServer(BigReplyBytes);

        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync("127.0.0.1", server.Port, cancellationToken);
        var direct = new LineChannel(tcp.GetStream());
        var directRtt = await RoundTripsAsync(direct, pings, cancellationToken);
        var directMbps = await ThroughputAsync(direct, transfers, cancellationToken);

        double bridgeRss;
        List<double> bridgeRtt;
        double bridgeMbps;
        await using (var bridge = StdioPeer.Bridge(context.BridgeBinary, server.Port))
        {
            bridgeRtt = await RoundTripsAsync(bridge.Lines, pings, cancellationToken);
            bridgeMbps = await ThroughputAsync(bridge.Lines, transfers, cancellationToken);
            bridgeRss = bridge.PeakRssMiB();
        }

        double socatRss;
        double socatMbps;
        await using (var socat = StdioPeer.Socat(server.Port))
        {
            await RoundTripsAsync(socat.Lines, 10, cancellationToken);
            socatMbps = await ThroughputAsync(socat.Lines, transfers, cancellationToken);
            socatRss = socat.PeakRssMiB();
        }

        var bridgeStart = await StartupsAsync(() => StdioPeer.Bridge(context.BridgeBinary, server.Port), starts, cancellationToken);
        var socatStart = await StartupsAsync(() => StdioPeer.Socat(server.Port), starts, cancellationToken);

        var addedMedian = Percentile(bridgeRtt, 0.5) - Percentile(directRtt, 0.5);
        var addedP90 = Percentile(bridgeRtt, 0.9) - Percentile(directRtt, 0.9);
        return
        [
            new(Name, $"ping round trip median ({pings} sequential)", Percentile(bridgeRtt, 0.5), "ms", Percentile(directRtt, 0.5), "direct TCP client"),
            new(Name, $"ping round trip p90 ({pings} sequential)", Percentile(bridgeRtt, 0.9), "ms", Percentile(directRtt, 0.9), "direct TCP client"),
            new(Name, "added round trip, median", addedMedian, "ms", Target: "<= 0.3 ms", TargetMet: addedMedian <= 0.3),
            new(Name, "added round trip, p90", addedP90, "ms"),
            new(Name, $"10 MB reply throughput (median of {transfers})", bridgeMbps, "MB/s", directMbps, "direct TCP client", ">= 100 MB/s", bridgeMbps >= 100),
            new(Name, $"10 MB reply throughput of socat STDIO, the stdio ceiling (median of {transfers})", socatMbps, "MB/s", directMbps, "direct TCP client"),
            new(Name, $"start-up to first forwarded reply (median of {starts})", bridgeStart, "ms", socatStart, "socat STDIO TCP"),
            new(Name, "peak RSS after the 10 MB reply (VmHWM)", bridgeRss, "MiB", socatRss, "socat STDIO TCP"),
        ];
    }

    private static byte[] Ping(int id) => Encoding.UTF8.GetBytes($"{{\"jsonrpc\":\"2.0\",\"id\":{id.ToString(CultureInfo.InvariantCulture)},\"method\":\"ping\"}}\n");

    private static async Task<List<double>> RoundTripsAsync(LineChannel lines, int count, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 50; i++)
        {
            await RoundTripAsync(lines, -1 - i, cancellationToken);
        }

        var times = new List<double>(count);
        for (var i = 1; i <= count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await RoundTripAsync(lines, i, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times;
    }

    private static async Task RoundTripAsync(LineChannel lines, int id, CancellationToken cancellationToken)
    {
        await lines.WriteLineAsync(Ping(id), cancellationToken);
        _ = await lines.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("peer closed during ping");
    }

    /// <summary>Median MB/s (10^6 bytes) of fetching one 10 MB reply.</summary>
    private static async Task<double> ThroughputAsync(LineChannel lines, int count, CancellationToken cancellationToken)
    {
        var request = "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"method\":\"big\"}\n"u8.ToArray();
        var rates = new List<double>();
        for (var i = 0; i <= count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await lines.WriteLineAsync(request, cancellationToken);
            var reply = await lines.ReadLineAsync(cancellationToken) ?? throw new EndOfStreamException("peer closed during transfer");
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (reply.Length != BigReplyBytes - 1)
            {
                throw new InvalidOperationException($"reply of {reply.Length} bytes, expected {BigReplyBytes - 1}");
            }

            if (i > 0)
            {
                rates.Add(BigReplyBytes / seconds / 1e6);
            }
        }

        return Percentile(rates, 0.5);
    }

    /// <summary>Median time from process start to the reply of a ping written at once to its stdin.</summary>
    private static async Task<double> StartupsAsync(Func<StdioPeer> start, int count, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using var peer = start();
            await RoundTripAsync(peer.Lines, 1, cancellationToken);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Percentile(times, 0.5);
    }

    private static double Percentile(List<double> values, double fraction)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];
    }
}
