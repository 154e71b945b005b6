using System.Diagnostics;
using ProxmoxMcp.Bench.Infrastructure;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Bench.ToolCalls;

/// <summary>
/// What the MCP server adds to a Proxmox read: a tool call through the AOT binary over stdio (one long-lived
/// session, raw NDJSON client) against the HTTPS simulator, versus the very same Proxmox GETs made directly with a
/// keep-alive HttpClient to the same simulator. The GETs are learnt from the simulator's request log of one call,
/// so the baseline does exactly the Proxmox work the tool did. Calls are interleaved (direct, MCP, MCP, direct, ...)
/// so machine load drifts over both alike.
/// </summary>
internal sealed class ToolCallBenchmark : IBenchmark
{
    private const double TargetAddedMs = 1.0;

    public string Name => "tool-call";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var calls = context.Quick ? 200 : 500;
        var warmUp = context.Quick ? 50 : 100;
        await using var simulator = await PveSimulator.StartAsync(EstateSize.Demo, cancellationToken);
        using var direct = simulator.CreateDirectClient();
        await using var server = ServerProcess.Start(context.ServerBinary, simulator.ServerEnvironment);
        var init = await server.Session.InitializeAsync(cancellationToken);
        if (init.Error is not null)
        {
            throw new InvalidOperationException($"initialize failed: {init.Error}\n{string.Join('\n', server.StandardError)}");
        }

        var tools = await server.Session.ListToolsAsync(cancellationToken);
        List<(string Tool, string Arguments)> cases = [("get_node_status", """{"node":"pve1"}""")];
        if (tools.Contains("get_vm"))
        {
            cases.Add(("get_vm", """{"vmid":100}"""));
        }
        else
        {
            Console.Error.WriteLine("bench: tool-call: get_vm is not in this build (guest tools not merged); measuring get_node_status only");
        }

        var results = new List<BenchResult>();
        foreach (var (tool, arguments) in cases)
        {
            results.AddRange(await MeasureAsync(simulator, direct, server.Session, tool, arguments, calls, warmUp, cancellationToken));
        }

        return results;
    }

    private async Task<IReadOnlyList<BenchResult>> MeasureAsync(
        PveSimulator simulator, HttpClient direct, McpSession session, string tool, string arguments, int calls, int warmUp, CancellationToken cancellationToken)
    {
        // Learn which Proxmox requests one call makes; the baseline replays exactly those.
        simulator.Cluster.Requests.Clear();
        var probe = await session.CallToolAsync(tool, arguments, cancellationToken);
        if (probe.Error is not null)
        {
            throw new InvalidOperationException($"{tool} failed: {probe.Error}");
        }

        var requests = simulator.LoggedRequests();
        if (requests.Count == 0 || requests.Any(r => !r.StartsWith("GET ", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"{tool} made unexpected Proxmox requests: {string.Join(", ", requests)}");
        }

        var urls = requests.Select(r => r[4..]).ToList();
        var viaMcp = new List<double>(calls);
        var viaHttp = new List<double>(calls);
        var errors = 0;
        for (var i = -warmUp; i < calls; i++)
        {
            // Alternate the order so neither side always runs right after the other's allocations.
            double mcp;
            double http;
            if (i % 2 == 0)
            {
                http = await DirectAsync(direct, urls, cancellationToken);
                mcp = await McpAsync();
            }
            else
            {
                mcp = await McpAsync();
                http = await DirectAsync(direct, urls, cancellationToken);
            }

            if (i >= 0)
            {
                viaMcp.Add(mcp);
                viaHttp.Add(http);
            }
        }

        simulator.Cluster.Requests.Clear();
        async Task<double> McpAsync()
        {
            var reply = await session.CallToolAsync(tool, arguments, cancellationToken);
            if (reply.Error is not null)
            {
                errors++;
            }

            return reply.Milliseconds;
        }

        var baselineName = $"direct HttpClient, same {urls.Count} GET{(urls.Count == 1 ? "" : "s")}";
        var addedMedian = Stats.Median(viaMcp) - Stats.Median(viaHttp);
        var addedP90 = Stats.Percentile(viaMcp, 0.9) - Stats.Percentile(viaHttp, 0.9);
        return
        [
            new(Name, $"{tool} call via MCP, median of {calls}", Stats.Median(viaMcp), "ms", Stats.Median(viaHttp), baselineName),
            new(Name, $"{tool} call via MCP, p90 of {calls}", Stats.Percentile(viaMcp, 0.9), "ms", Stats.Percentile(viaHttp, 0.9), baselineName),
            new(Name, $"{tool}: added by MCP server, median", addedMedian, "ms", Target: $"<= {TargetAddedMs:0} ms", TargetMet: addedMedian <= TargetAddedMs && errors == 0),
            new(Name, $"{tool}: added by MCP server, p90", addedP90, "ms"),
            new(Name, $"{tool}: Proxmox requests per call", urls.Count, "req", urls.Count, "direct client (by construction)"),
            new(Name, $"{tool}: failed calls", errors, "calls", Target: "0", TargetMet: errors == 0),
        ];
    }

    private static async Task<double> DirectAsync(HttpClient client, List<string> urls, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead, cancellationToken);
            _ = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
