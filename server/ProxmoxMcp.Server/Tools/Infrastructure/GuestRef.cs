using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>A guest as the cluster knows it: where it runs, what kind it is, and the states that block actions.</summary>
public sealed record GuestRef(NodeName Node, GuestType Type, VmId VmId, string? Name, string? Status, bool Template, string? Lock, string? Note)
{
    /// <summary>"VM 100 'web-01' on pve1"</summary>
    public string Describe() => $"{Type.Noun()} {VmId}{(string.IsNullOrEmpty(Name) ? "" : $" '{Name}'")} on {Node}";
}
