using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// tests/contract/mcp/client-check.mjs (the official TypeScript SDK client) against the stdio server with --simulate: the
/// handshake, every input schema compiled by ajv, one call whose structured content the SDK validates against the tool's
/// output schema (large list pages also with their rows in one rendering), one call expected to be a tool error, unknown tool and unknown method. Both the Debug build and the
/// Native AOT binary users run.
/// </summary>
public class ClientCheckTests
{
    public static TheoryData<string, string, string, string> Calls() => new()
    {
        { "debug", "get_snapshots", """{"vmid":100}""", "auto" },
        { "debug", "get_backups", "{}", "auto" },
        { "debug", "get_storages", "{}", "auto" },
        { "debug", "get_tasks", """{"limit":3}""", "auto" },
        { "debug", "get_pool", """{"poolid":"production"}""", "auto" },
        { "debug", "create_snapshot", """{"vmid":106,"snapname":"check"}""", "auto" },
        { "debug", "get_vms", """{"limit":500}""", "auto" },
        { "debug", "get_cluster_resources", """{"limit":500,"sort":"-mem"}""", "auto" },
        { "debug", "get_containers", """{"fields":"name,mem,uptime"}""", "auto" },
        { "debug", "get_cluster_resources", """{"limit":500}""", "text" },
        { "debug", "get_cluster_resources", """{"limit":500,"cluster":"*"}""", "structured" },
        { "aot", "get_snapshots", """{"vmid":200}""", "auto" },
        { "aot", "get_vms", """{"limit":500}""", "auto" },
        { "aot", "get_cluster_resources", """{"limit":500}""", "text" },
        { "aot", "get_cluster_resources", """{"limit":500}""", "auto" },
        { "aot", "create_backup", """{"vmid":106}""", "auto" },
        { "aot", "get_backups", """{"vmid":100}""", "auto" },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task OfficialTypeScriptClient_AgainstTheStdioServer_ReportsNoFailures(string build, string tool, string arguments, string listRows)
    {
        var script = RepoPaths.Combine("tests", "contract", "mcp", "client-check.mjs");
        Assert.True(
            Directory.Exists(RepoPaths.Combine("tests", "contract", "mcp", "node_modules", "@modelcontextprotocol", "sdk")),
            "The TypeScript MCP SDK is not installed: run tests/prerequisites.sh (it runs npm install in tests/contract/mcp).");
        var server = build == "aot"
            ? await PublishedBinaries.ServerAsync(TestContext.Current.CancellationToken)
            : Path.Combine(AppContext.BaseDirectory, "proxmox-mcp");
        var environment = new Dictionary<string, string?>
        {
            ["CALL_TOOL"] = tool,
            ["CALL_ARGS"] = arguments,
            ["ERROR_TOOL"] = "get_snapshots",
            ["ERROR_ARGS"] = """{"vmid":999999}""",
            ["STRICT"] = "1",
            ["PROXMOX_MCP_TOOLS"] = null,
            ["PROXMOX_MCP_EXCLUDE_TOOLS"] = null,
            ["PROXMOX_MCP_READONLY"] = null,
            ["PROXMOX_MCP_LIST_ROWS"] = listRows,
        };

        var result = await ProcessRunner.RunAsync(
            "node", [script, "--", server, "--simulate", "--tools", "all"], TimeSpan.FromMinutes(2), Path.GetTempPath(), environment, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0 && result.StandardOutput.Contains(" passed, 0 failed", StringComparison.Ordinal), result.ToString());
        Assert.Contains($"PASS call {tool}", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("PASS tool error is result.isError (get_snapshots)", result.StandardOutput, StringComparison.Ordinal);
    }
}
