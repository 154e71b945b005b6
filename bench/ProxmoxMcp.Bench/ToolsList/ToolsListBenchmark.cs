using System.Text.Json;
using ProxmoxMcp.Bench.Infrastructure;

namespace ProxmoxMcp.Bench.ToolsList;

/// <summary>
/// What tools/list costs the model on every turn: bytes of names, descriptions and input schemas (what a client sends
/// the model) and bytes on the wire, for the default profile and for every tool, from the AOT server itself. The
/// baseline is the original Node server's 34 tools, 9,384 model-visible bytes (shared/ENGINEERING-NOTES.md); byte
/// counts do not drift with machine load, so that fixed figure stands beside this run's.
/// </summary>
internal sealed class ToolsListBenchmark : IBenchmark
{
    private const double OriginalModelVisibleBytes = 9_384;
    private const double DefaultProfileBudget = 16_384;
    private const string Original = "original server, 34 tools";

    public string Name => "tools-list";

    public async Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var results = new List<BenchResult>();
        foreach (var (profile, tools, simulate) in new[] { ("default profile", (string?)null, false), ("all tools", "all", false), ("--simulate, two clusters, default profile", null, true) })
        {
            var environment = simulate ? new Dictionary<string, string?> { ["PROXMOX_MCP_SIMULATE"] = "true" } : SingleClusterEnvironment.Create();
            environment["PROXMOX_MCP_TOOLS"] = tools;
            await using var server = ServerProcess.Start(context.ServerBinary, environment);
            await server.Session.InitializeAsync(cancellationToken);
            var reply = await server.Session.RequestAsync("tools/list", "{}", cancellationToken);
            using var document = reply.Parse();
            var listed = document.RootElement.GetProperty("result").GetProperty("tools").EnumerateArray().ToList();
            var modelVisible = listed.Sum(ModelVisibleBytes);
            var label = $"{profile} ({listed.Count} tools)";
            results.Add(profile == "default profile"
                ? new(Name, $"{label}: names + descriptions + input schemas", modelVisible, "B", OriginalModelVisibleBytes, Original,
                    $"<= {DefaultProfileBudget:0} B (goal {OriginalModelVisibleBytes:0})", modelVisible <= DefaultProfileBudget)
                : new(Name, $"{label}: names + descriptions + input schemas", modelVisible, "B", OriginalModelVisibleBytes, Original));
            results.Add(new(Name, $"{label}: tools/list reply on the wire", reply.Bytes.Length, "B"));
        }

        return results;
    }

    private static int ModelVisibleBytes(JsonElement tool) =>
        tool.GetProperty("name").GetString()!.Length
        + (tool.TryGetProperty("description", out var description) ? description.GetString()!.Length : 0)
        + JsonSerializer.Serialize(tool.GetProperty("inputSchema")).Length;
}
