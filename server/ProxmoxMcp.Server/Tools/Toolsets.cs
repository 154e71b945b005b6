using ProxmoxMcp.Server.Tools.Agent;
using ProxmoxMcp.Server.Tools.Api;
using ProxmoxMcp.Server.Tools.Backups;
using ProxmoxMcp.Server.Tools.Cluster;
using ProxmoxMcp.Server.Tools.Containers;
using ProxmoxMcp.Server.Tools.Guests;
using ProxmoxMcp.Server.Tools.Health;
using ProxmoxMcp.Server.Tools.Logs;
using ProxmoxMcp.Server.Tools.Network;
using ProxmoxMcp.Server.Tools.Nodes;
using ProxmoxMcp.Server.Tools.Pools;
using ProxmoxMcp.Server.Tools.Provisioning;
using ProxmoxMcp.Server.Tools.Snapshots;
using ProxmoxMcp.Server.Tools.Storage;
using ProxmoxMcp.Server.Tools.Tasks;
using ProxmoxMcp.Server.Tools.Vms;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// The one table of toolsets. The catalog (tools.json), the names --tools accepts, the JSON contexts, the tool
/// classes' registration, docs/API_REFERENCE.md and the convention tests all derive from it. Order here is the order
/// of tools/list. A new toolset is one line here plus its class; a new tool is one method in its toolset's class.
/// </summary>
public static class Toolsets
{
    public static IReadOnlyList<Toolset> All { get; } =
    [
        Toolset.Of<ClusterTools>("cluster", "Cluster status and every resource at a glance", ClusterJsonContext.Default),
        Toolset.Of<NodeTools>("nodes", "Nodes: status and usage history", NodeJsonContext.Default),
        Toolset.Of<VmTools>("vms", "QEMU virtual machines: read, power, create, clone, migrate, change, delete", GuestJsonContext.Default),
        Toolset.Of<ContainerTools>("containers", "LXC containers: read, power, create, clone, migrate, change, delete", GuestJsonContext.Default),
        Toolset.Of<StorageTools>("storage", "Storages and their contents (ISOs, templates, backups)", StorageJsonContext.Default),
        Toolset.Of<SnapshotTools>("snapshots", "Snapshots of VMs and containers", SnapshotJsonContext.Default),
        Toolset.Of<BackupTools>("backups", "vzdump backups: list, create, restore", BackupJsonContext.Default),
        Toolset.Of<TaskTools>("tasks", "Proxmox tasks: list, status, log, wait, stop", TaskJsonContext.Default),
        Toolset.Of<PoolTools>("pools", "Resource pools and their members", PoolJsonContext.Default),
        Toolset.Of<AgentTools>("agent", "Inside guests: IP addresses, OS, files, commands (QEMU guest agent)", AgentJsonContext.Default),
        Toolset.Of<ProvisioningTools>("provisioning", "New reachable guests from templates with cloud-init, SSH keys and IPs", ProvisioningJsonContext.Default),
        Toolset.Of<HealthTools>("health", "Operational checks: cluster health, backup coverage, HA, replication", HealthJsonContext.Default),
        Toolset.Of<LogTools>("logs", "Logs: node system log, cluster log, firewall logs", LogJsonContext.Default),
        Toolset.Of<NetworkTools>("network", "Read-only network views: node interfaces, firewall rules, SDN", NetworkJsonContext.Default),
        Toolset.Of<ApiTools>("api", "Any endpoint of the Proxmox VE API, checked against the official schema", ApiJsonContext.Default),
    ];

    /// <summary>Selects the tools of the default profile (what a session offers when nothing is selected).</summary>
    public const string DefaultProfile = "default";

    /// <summary>Selects every tool.</summary>
    public const string AllProfile = "all";

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(t => t.Name)];
}
