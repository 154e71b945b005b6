using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Finds a guest by id with one GET /cluster/resources?type=vm: its node (so <c>node</c> may be omitted), and its
/// kind, so that a VM tool called with a container id (or the reverse) says so and names the right tool.
/// </summary>
public sealed class GuestLocator(ProxmoxClient proxmox)
{
    /// <param name="vmid">The guest id the user gave.</param>
    /// <param name="node">The node the user gave, if any; a guest found elsewhere is used there, with a note.</param>
    /// <param name="expected">The kind the calling tool works on.</param>
    /// <param name="tool">The calling tool's name, e.g. start_vm; the other kind's tool name is derived from it.</param>
    public async Task<GuestRef> LocateAsync(VmId vmid, NodeName? node, GuestType expected, string tool, CancellationToken cancellationToken)
    {
        var resources = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken);
        var match = resources.FirstOrDefault(r => r.VmId == vmid.Value && GuestTypeExtensions.FromApiName(r.Type) is not null);
        if (match is null)
        {
            throw new McpException(
                $"No VM or container with id {vmid} exists in this cluster. get_vms, get_containers and get_cluster_resources list the guests and their ids.");
        }

        var actual = GuestTypeExtensions.FromApiName(match.Type)!.Value;
        if (actual != expected)
        {
            var other = OtherKindTool(tool, actual);
            throw new McpException(
                $"{vmid} is {(actual == GuestType.Lxc ? "a container (LXC)" : "a VM (QEMU)")}{(match.Name is null ? "" : $" named '{match.Name}'")}, not a {expected.Noun()}: " +
                $"use {other} instead.");
        }

        var actualNode = NodeName.Parse(match.Node, "node");
        var note = node is { } given && given != actualNode ? $"{expected.Noun()} {vmid} is on node {actualNode}, not {given}; acted on it there." : null;
        return new GuestRef(actualNode, actual, vmid, match.Name, match.Status, match.Template ?? false, match.Lock, note);
    }

    /// <summary>The same guest's kind and node when the caller did not give the kind (snapshots, backups).</summary>
    public async Task<GuestRef> LocateAnyAsync(VmId vmid, NodeName? node, CancellationToken cancellationToken)
    {
        var resources = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken);
        var match = resources.FirstOrDefault(r => r.VmId == vmid.Value && GuestTypeExtensions.FromApiName(r.Type) is not null)
            ?? throw new McpException($"No VM or container with id {vmid} exists in this cluster. get_cluster_resources lists the guests and their ids.");
        var actualNode = NodeName.Parse(match.Node, "node");
        var type = GuestTypeExtensions.FromApiName(match.Type)!.Value;
        var note = node is { } given && given != actualNode ? $"{type.Noun()} {vmid} is on node {actualNode}, not {given}; acted on it there." : null;
        return new GuestRef(actualNode, type, vmid, match.Name, match.Status, match.Template ?? false, match.Lock, note);
    }

    private static string OtherKindTool(string tool, GuestType actual) =>
        actual == GuestType.Lxc
            ? tool.Replace("_vms", "_containers", StringComparison.Ordinal).Replace("_vm", "_container", StringComparison.Ordinal)
            : tool.Replace("_containers", "_vms", StringComparison.Ordinal).Replace("_container", "_vm", StringComparison.Ordinal);
}
