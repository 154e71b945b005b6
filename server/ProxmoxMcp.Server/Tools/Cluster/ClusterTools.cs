using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Cluster;

public sealed class ClusterTools(ProxmoxClient proxmox, ClusterDirectory clusters)
{
    [DefaultProfile]
    [McpServerTool(Name = ClusterArgument.ListToolName, Title = "Served clusters", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ClusterListOutput))]
    [PveEndpoint("GET /version")]
    [PveEndpoint("GET /nodes")]
    [Description("Lists the clusters this server serves: default, read-only, addresses, reachable, PVE version, nodes.")]
    public async Task<CallToolResult> ListClusters(CancellationToken cancellationToken = default)
    {
        var output = new ClusterListOutput { Clusters = await ClusterProbe.ProbeAllAsync(clusters, cancellationToken) };
        return ToolResults.Success(output, ClusterJsonContext.Default.ClusterListOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "get_cluster_status", Title = "Cluster status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ClusterStatusOutput))]
    [Description("Returns the cluster name, quorum and which nodes are online, with addresses.")]
    public async Task<CallToolResult> GetClusterStatus(CancellationToken cancellationToken = default)
    {
        // GET /cluster/status
        var entries = await proxmox.GetClusterStatusAsync(cancellationToken);
        var cluster = entries.FirstOrDefault(e => e.Type == "cluster");
        var nodes = entries.Where(e => e.Type == "node")
            .Select(e => new ClusterNodeState(e.Name ?? "?", e.Online ?? false, e.Ip, e.Local ?? false))
            .OrderBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
        var output = new ClusterStatusOutput
        {
            ClusterName = cluster?.Name,
            Quorate = cluster?.Quorate,
            NodesOnline = nodes.Count(n => n.Online),
            NodesTotal = nodes.Count,
            Nodes = nodes,
        };
        return ToolResults.Success(output, ClusterJsonContext.Default.ClusterStatusOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "get_cluster_resources", Title = "Cluster resources", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ClusterResourcesOutput))]
    [Description("Lists every VM, container, node, storage and pool with node, status and usage: the first call to find where a guest is.")]
    public async Task<CallToolResult> GetClusterResources(
        [Description("vm (qemu+lxc), qemu, lxc, node, storage, pool or sdn.")] string? type = null,
        string? node = null,
        string? status = null,
        [Description("Substring.")] string? name = null,
        string? tag = null,
        int? offset = null,
        int? limit = null,
        [Description(Paging.SortDescription)] string? sort = null,
        CancellationToken cancellationToken = default)
    {
        var (apiType, keep) = type?.ToLowerInvariant() switch
        {
            null or "" => ((ClusterResourceType?)null, (Func<ClusterResource, bool>)(_ => true)),
            "vm" => (ClusterResourceType.Vm, _ => true),
            "qemu" => (ClusterResourceType.Vm, r => r.Type == "qemu"),
            "lxc" or "container" => (ClusterResourceType.Vm, r => r.Type == "lxc"),
            "node" => (ClusterResourceType.Node, _ => true),
            "storage" => (ClusterResourceType.Storage, _ => true),
            "sdn" => (ClusterResourceType.Sdn, _ => true),
            "pool" => (null, r => r.Type == "pool"),
            _ => throw new McpException($"type '{type}' is not one of: vm, qemu, lxc, node, storage, pool, sdn."),
        };
        var nodeName = ToolArguments.OptionalNode(node);

        // GET /cluster/resources (one request, however many nodes)
        var resources = await proxmox.GetClusterResourcesAsync(apiType, cancellationToken);
        var selected = resources
            .Where(keep)
            .Where(r => nodeName is null || r.Node == nodeName.Value.Value)
            .Where(r => status is null || string.Equals(r.Status, status, StringComparison.OrdinalIgnoreCase))
            .Where(r => name is null || (r.Name ?? r.Storage ?? r.Node ?? r.Id).Contains(name, StringComparison.OrdinalIgnoreCase))
            .Where(r => tag is null || Tags.Contains(r.Tags, tag))
            .OrderBy(r => TypeOrder(r.Type)).ThenBy(r => r.VmId ?? 0).ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(ToItem)
            .ToList();
        var (items, page) = Paging.Apply(ResourceShape.Sort(selected, sort), offset, limit);
        var table = ClusterResourceItem.Table.Build(items);
        var output = new ClusterResourcesOutput { Columns = table.Columns, Rows = table.Rows, Units = ListUnits.Of(table.Columns), Table = table.Text, Page = page };
        return ToolResults.Success(output, ClusterJsonContext.Default.ClusterResourcesOutput);
    }

    private static readonly ListShape<ClusterResourceItem> ResourceShape = new(new Dictionary<string, Func<ClusterResourceItem, IComparable?>>(StringComparer.Ordinal)
    {
        ["id"] = r => r.Id,
        ["type"] = r => r.Type,
        ["node"] = r => r.Node,
        ["vmid"] = r => r.VmId,
        ["name"] = r => r.Name,
        ["status"] = r => r.Status,
        ["cpu"] = r => r.Cpu,
        ["maxcpu"] = r => r.MaxCpu,
        ["mem"] = r => r.Mem,
        ["maxmem"] = r => r.MaxMem,
        ["disk"] = r => r.Disk,
        ["maxdisk"] = r => r.MaxDisk,
        ["uptime"] = r => r.Uptime,
        ["pool"] = r => r.Pool,
    });

    private static int TypeOrder(string type) => type switch { "node" => 0, "qemu" => 1, "lxc" => 2, "storage" => 3, "pool" => 4, _ => 5 };

    private static ClusterResourceItem ToItem(ClusterResource r) => new()
    {
        Id = r.Id,
        Type = r.Type,
        Node = r.Node,
        VmId = r.VmId,
        Name = r.Name,
        Status = r.Status,
        Template = r.Template == true ? true : null,
        Cpu = r.Cpu is { } cpu ? Math.Round(cpu, 4) : null,
        MaxCpu = r.MaxCpu,
        Mem = r.Mem,
        MaxMem = r.MaxMem,
        Disk = r.Disk,
        MaxDisk = r.MaxDisk,
        Uptime = r.Uptime,
        Tags = string.IsNullOrEmpty(r.Tags) ? null : r.Tags,
        Pool = r.Pool,
        Lock = r.Lock,
        Storage = r.Storage,
        Content = r.Content,
    };
}
