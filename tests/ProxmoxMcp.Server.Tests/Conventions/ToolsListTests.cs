using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// tools/list as a client sees it is the committed catalog (tools.json, reviewed in every diff), in catalog order, and
/// the default profile is what a session without --tools offers.
/// </summary>
public class ToolsListTests
{
    private static readonly string[] OriginalToolNames =
    [
        "get_cluster_status", "get_cluster_resources", "get_nodes", "get_node_status", "get_vms", "get_vm", "start_vm", "stop_vm",
        "shutdown_vm", "reboot_vm", "create_vm", "delete_vm", "clone_vm", "get_vm_config", "update_vm", "get_containers", "get_container",
        "start_container", "stop_container", "delete_container", "get_storages", "get_storage_content", "get_snapshots", "create_snapshot",
        "delete_snapshot", "rollback_snapshot", "get_tasks", "get_task_status", "get_pools", "create_pool", "delete_pool", "get_backups",
        "migrate_vm", "get_pool",
    ];

    [Fact]
    public async Task ToolsList_WithAllToolsAndGuestCommandsEnabled_IsTheCatalogInOrder()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { GuestExec = GuestExecMode.AllowList, GuestExecAllow = ["uptime"] });
        var listed = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        // list_clusters is offered only with more than one cluster (Clusters/MultiClusterTests).
        var catalog = ToolCatalog.All.Where(t => t.Name != ClusterArgument.ListToolName).ToList();
        Assert.Equal(catalog.Select(t => t.Name), listed.Select(t => t.Name));
        foreach (var (tool, entry) in listed.Zip(catalog))
        {
            Assert.Equal(Json(entry.Tool.ProtocolTool), Json(tool.ProtocolTool));
        }
    }

    [Fact]
    public async Task ToolsList_WithoutSelection_OffersTheDefaultProfileWithEveryOriginalToolName()
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { Tools = [] });
        var names = (await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).Select(t => t.Name).ToList();

        Assert.Equal(ToolCatalog.All.Where(t => t.InDefaultProfile && t.Name != ClusterArgument.ListToolName).Select(t => t.Name), names);
        Assert.All(OriginalToolNames, n => Assert.Contains(n, names));
    }

    [Fact]
    public void DefaultProfile_ModelVisibleBytes_StayWithinTheBudget()
    {
        // Names, descriptions and input schemas are what a client sends the model on every turn (issue 11: at most 16 KiB).
        // What a single-cluster session offers by default (list_clusters and the cluster argument come only with more).
        var bytes = ModelVisibleBytes(ToolSelection.Apply(ToolCatalog.All, OneCluster));

        Assert.True(bytes <= 16_384, $"The default profile's tools/list costs {bytes} bytes of names, descriptions and input schemas.");
    }

    [Fact]
    public void DefaultProfile_WithTwoClusters_PaysOnlyTheClusterArgumentAndListClusters()
    {
        var one = ToolSelection.Apply(ToolCatalog.All, OneCluster);
        var two = ToolSelection.Apply(ToolCatalog.All, TwoClusters.With(OneCluster));

        var extra = ModelVisibleBytes(two) - ModelVisibleBytes(one);

        // ,"cluster":{"type":"string","enum":["default","lab"]} is 53 bytes per tool; list_clusters about 150.
        Assert.Equal(one.Count + 1, two.Count);
        Assert.InRange(extra, 53 * one.Count, (53 * one.Count) + 4 * one.Count + 200);
        TestContext.Current.SendDiagnosticMessage($"default profile: one cluster {ModelVisibleBytes(one)} bytes, two clusters {ModelVisibleBytes(two)} bytes");
    }

    private static ServerSettings OneCluster => new() { Proxmox = new Proxmox.Configuration.ProxmoxOptions(), Simulate = true };

    private static int ModelVisibleBytes(IEnumerable<ToolDefinition> tools) =>
        tools.Sum(t => t.Name.Length + (t.Tool.ProtocolTool.Description?.Length ?? 0) + JsonSerializer.Serialize(t.Tool.ProtocolTool.InputSchema, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonElement))).Length);

    [Fact]
    public void Catalog_HasNoNullableUnionsOrNullDefaults()
    {
        foreach (var tool in ToolCatalog.All)
        {
            var schema = JsonSerializer.Serialize(tool.Tool.ProtocolTool.InputSchema, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonElement)));
            Assert.DoesNotContain("\"null\"", schema, StringComparison.Ordinal);
            Assert.DoesNotContain("\"default\":null", schema, StringComparison.Ordinal);
        }
    }

    private static string Json(Tool tool) => JsonSerializer.Serialize(tool, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(Tool)));
}
