namespace ProxmoxMcp.Server.Tools;

/// <summary>Names of toolsets that code refers to (the names themselves are declared in <see cref="Toolsets"/>).</summary>
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

    /// <summary>Every toolset name, in catalog order.</summary>
    public static IReadOnlyList<string> All => Toolsets.Names;
}
