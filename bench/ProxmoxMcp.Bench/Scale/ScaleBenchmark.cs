using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ProxmoxMcp.Bench.Infrastructure;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Bench.Scale;

/// <summary>
/// A large estate (10 nodes, 5,000 guests) through one stdio session of the AOT server: how many Proxmox requests a
/// listing makes (counted in the simulator's request log), how big the default reply is (JSON-RPC message bytes,
/// text and structured content together), what paging through everything costs against the original server's
/// format (the same data as JSON.stringify(data, null, 2), built in the same run from the same simulator), and the
/// server's peak RSS.
/// </summary>
internal sealed class ScaleBenchmark : IBenchmark
{
    private const int Nodes = 10;
    private const int Guests = 5000;
    private const int DefaultReplyLimit = 8 * 1024;
    private const double FullListingTarget = 0.25;
    private const double TargetRssMiB = 64;
    private const int PageSize = 500;

    /// <summary>Client names the server knows to give their model one rendering only (server: ListRendering).</summary>
    private static readonly string[] KnownClients = ["claude-code", "claude-ai"];

    public string Name => "scale";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await using var simulator = await PveSimulator.StartAsync(EstateSize.Large(Nodes, Guests), cancellationToken);
        using var direct = simulator.CreateDirectClient();
        await using var server = ServerProcess.Start(context.ServerBinary, simulator.ServerEnvironment);
        var init = await server.Session.InitializeAsync(cancellationToken);
        if (init.Error is not null)
        {
            throw new InvalidOperationException($"initialize failed: {init.Error}\n{string.Join('\n', server.StandardError)}");
        }

        var idleRss = server.PeakRssMiB();
        var tools = await server.Session.ListToolsAsync(cancellationToken);
        var results = new List<BenchResult>();
        results.AddRange(await ListingAsync(simulator, direct, server.Session, "get_cluster_resources", "cluster/resources", _ => true, context.Quick, cancellationToken));
        if (tools.Contains("get_vms"))
        {
            results.AddRange(await ListingAsync(simulator, direct, server.Session, "get_vms", "cluster/resources?type=vm", r => r.GetProperty("type").GetString() == "qemu", context.Quick, cancellationToken));
        }
        else
        {
            Console.Error.WriteLine("bench: scale: get_vms is not in this build (guest tools not merged); measuring get_cluster_resources only");
        }

        var peak = server.PeakRssMiB();
        results.Add(new(Name, "server peak RSS (VmHWM) after all of the above", peak, "MiB", idleRss, "same process after initialize", $"<= {TargetRssMiB:0} MiB", peak <= TargetRssMiB));

        // Clients known to read one rendering: Claude Code (structured content; a large page's text is one line) and
        // Claude Desktop (text; a large page's structured rows are empty, rows_in_text).
        foreach (var client in KnownClients)
        {
            await using var known = ServerProcess.Start(context.ServerBinary, simulator.ServerEnvironment);
            if ((await known.Session.InitializeAsync(cancellationToken, client)).Error is { } error)
            {
                throw new InvalidOperationException($"initialize as {client} failed: {error}");
            }

            results.Add(await FullListingForClientAsync(direct, known.Session, "get_cluster_resources", "cluster/resources", _ => true, client, cancellationToken));
            if (tools.Contains("get_vms"))
            {
                results.Add(await FullListingForClientAsync(direct, known.Session, "get_vms", "cluster/resources?type=vm", r => r.GetProperty("type").GetString() == "qemu", client, cancellationToken));
            }
        }

        return results;
    }

    /// <summary>Only the full listing's wire bytes, for a session that introduced itself as <paramref name="client"/>.</summary>
    private async Task<BenchResult> FullListingForClientAsync(
        HttpClient direct, McpSession session, string tool, string url, Func<JsonElement, bool> sameData, string client, CancellationToken cancellationToken)
    {
        var (baselineBytes, _, _) = await OriginalFormatAsync(direct, url, sameData, cancellationToken);
        long total = 0;
        var listed = 0;
        await foreach (var (reply, page) in AllPagesAsync(session, tool, cancellationToken))
        {
            total += reply.Bytes.Length;
            listed += page.Returned;
        }

        var ratio = (double)total / baselineBytes;
        return new(Name, $"{tool} full listing as client {client} ({listed} items)", total, "B", baselineBytes, "original: JSON.stringify(data, null, 2)",
            $"<= {FullListingTarget:0.00}x", ratio <= FullListingTarget);
    }

    /// <summary>Every page of a list tool in pages of <see cref="PageSize"/>, each reply with its paging fields.</summary>
    private static async IAsyncEnumerable<(ToolReply Reply, (int Returned, int? NextOffset) Page)> AllPagesAsync(
        McpSession session, string tool, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int? offset = 0;
        while (offset is { } next)
        {
            var reply = await session.CallToolAsync(tool, $$"""{"offset":{{next.ToString(CultureInfo.InvariantCulture)}},"limit":{{PageSize.ToString(CultureInfo.InvariantCulture)}}}""", cancellationToken);
            if (reply.Error is not null)
            {
                throw new InvalidOperationException($"{tool} offset {next} failed: {reply.Error}");
            }

            var (_, _, page) = Split(reply);
            yield return (reply, page);
            offset = page.NextOffset;
        }
    }

    private async Task<IReadOnlyList<BenchResult>> ListingAsync(
        PveSimulator simulator, HttpClient direct, McpSession session, string tool, string url, Func<JsonElement, bool> sameData, bool quick, CancellationToken cancellationToken)
    {
        // The original's format: all of the data, pretty-printed with two spaces.
        var (baselineBytes, baselineCount, directMs) = await OriginalFormatAsync(direct, url, sameData, cancellationToken);

        simulator.Cluster.Requests.Clear();
        var first = await session.CallToolAsync(tool, "{}", cancellationToken);
        if (first.Error is not null)
        {
            throw new InvalidOperationException($"{tool} failed: {first.Error}");
        }

        var defaultRequests = simulator.LoggedRequests();
        var (_, _, firstPage) = Split(first);
        var hasCursor = firstPage.NextOffset is not null;

        var defaultMs = new List<double> { first.Milliseconds };
        for (var i = 0; i < (quick ? 2 : 4); i++)
        {
            defaultMs.Add((await session.CallToolAsync(tool, "{}", cancellationToken)).Milliseconds);
        }

        // Page through everything with the largest page the tools allow.
        simulator.Cluster.Requests.Clear();
        long total = 0, text = 0, structured = 0;
        var pages = 0;
        var listed = 0;
        await foreach (var (reply, page) in AllPagesAsync(session, tool, cancellationToken))
        {
            var (textBytes, structuredBytes, _) = Split(reply);
            total += reply.Bytes.Length;
            text += textBytes;
            structured += structuredBytes;
            listed += page.Returned;
            pages++;
        }

        var fullRequests = simulator.Cluster.Requests.Count;
        simulator.Cluster.Requests.Clear();
        if (listed != baselineCount)
        {
            Console.Error.WriteLine($"bench: scale: {tool} listed {listed} items, the raw data has {baselineCount}");
        }

        const string original = "original: JSON.stringify(data, null, 2)";
        var ratio = (double)total / baselineBytes;
        var fullLabel = $"{tool} full listing ({pages} pages of {PageSize}, {listed} items)";
        return
        [
            new(Name, $"{tool} default call: Proxmox requests", defaultRequests.Count, "req", Target: "1 (no per-node fan-out)", TargetMet: defaultRequests.Count == 1),
            new(Name, $"{tool} default reply (JSON-RPC bytes)", first.Bytes.Length, "B", baselineBytes, original + ", all", $"< {DefaultReplyLimit} B + cursor", first.Bytes.Length < DefaultReplyLimit && hasCursor),
            new(Name, $"{tool} default call latency, median of {defaultMs.Count}", Stats.Median(defaultMs), "ms", directMs, $"direct GET /{url}"),
            new(Name, fullLabel, total, "B", baselineBytes, original, $"<= {FullListingTarget:0.00}x", ratio <= FullListingTarget),
            new(Name, $"{tool} full listing, text content only", text, "B", baselineBytes, original),
            new(Name, $"{tool} full listing, structured content only", structured, "B", baselineBytes, original),
            new(Name, $"{tool} full listing: Proxmox requests per page", (double)fullRequests / pages, "req", Target: "1", TargetMet: fullRequests == pages),
        ];
    }

    /// <summary>The bytes of the text content array and of the structured content as they are on the wire, and the page info.</summary>
    private static (long Text, long Structured, (int Returned, int? NextOffset) Page) Split(ToolReply reply)
    {
        using var document = reply.Parse();
        var result = document.RootElement.GetProperty("result");
        var text = result.TryGetProperty("content", out var content) ? Encoding.UTF8.GetByteCount(content.GetRawText()) : 0;
        var structured = result.TryGetProperty("structuredContent", out var sc) ? Encoding.UTF8.GetByteCount(sc.GetRawText()) : 0;
        var page = sc.ValueKind == JsonValueKind.Object && sc.TryGetProperty("page", out var p) ? p : default;
        var returned = page.ValueKind == JsonValueKind.Object ? page.GetProperty("returned").GetInt32() : 0;
        int? next = page.ValueKind == JsonValueKind.Object && page.TryGetProperty("next_offset", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt32() : null;
        return (text, structured, (returned, next));
    }

    /// <summary>GET the data directly and pretty-print it as JSON.stringify(data, null, 2) does; also the median GET time.</summary>
    private static async Task<(long Bytes, int Count, double Milliseconds)> OriginalFormatAsync(
        HttpClient direct, string url, Func<JsonElement, bool> sameData, CancellationToken cancellationToken)
    {
        var times = new List<double>();
        byte[] body = [];
        for (var i = 0; i < 5; i++)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await direct.GetAsync(url, cancellationToken);
            body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            response.EnsureSuccessStatusCode();
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        using var document = JsonDocument.Parse(body);
        var items = document.RootElement.GetProperty("data").EnumerateArray().Where(sameData).ToList();
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 2,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // JSON.stringify escapes only quotes, backslashes and control characters
        }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
        }

        return (buffer.Length, items.Count, Stats.Median(times));
    }
}
