namespace ProxmoxMcp.Server.Tools;

/// <summary>Tool groups, for clients that can take only some tools (PROXMOX_MCP_TOOLS / --tools accept these names).</summary>
public static class ToolGroups
{
    public const string Cluster = "cluster";
    public const string Nodes = "nodes";
    public const string Vms = "vms";
    public const string Containers = "containers";
    public const string Storage = "storage";
    public const string Snapshots = "snapshots";
    public const string Backups = "backups";
    public const string Tasks = "tasks";
    public const string Pools = "pools";
    public const string Agent = "agent";
    public const string Provisioning = "provisioning";
    public const string Health = "health";

    public static readonly IReadOnlyList<string> All = [Cluster, Nodes, Vms, Containers, Storage, Snapshots, Backups, Tasks, Pools, Agent, Provisioning, Health];
}
