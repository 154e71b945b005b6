using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>
/// Everything the VM and container tools do, written once and parameterised by <see cref="GuestType"/>: the tool
/// classes only declare names, descriptions, annotations and arguments. One file per kind of operation.
/// </summary>
public sealed partial class GuestOperations(
    ProxmoxClient proxmox, GuestLocator locator, TaskRunner tasks, Confirmation confirmation, ServerSettings settings, GuestGuard guard)
{
    /// <summary>A node the caller names must exist (GET /nodes), and be online when something is to be placed on it.</summary>
    private async Task RequireNodeAsync(NodeName node, string argument, bool mustBeOnline, CancellationToken cancellationToken)
    {
        var nodes = await proxmox.GetNodesAsync(cancellationToken);
        var match = nodes.FirstOrDefault(n => string.Equals(n.Node, node.Value, StringComparison.Ordinal));
        var online = nodes.Where(n => n.Status == "online").Select(n => n.Node).Order(StringComparer.Ordinal).ToList();
        if (match is null)
        {
            throw new McpException(
                $"'{argument}': there is no node '{node}' in this cluster. Known nodes: {string.Join(", ", nodes.Select(n => n.Node).Order(StringComparer.Ordinal))}.");
        }

        if (mustBeOnline && match.Status != "online")
        {
            throw new McpException(
                $"'{argument}': node {node} is {match.Status ?? "not online"}, so nothing can be placed on it. Online nodes: {(online.Count == 0 ? "none" : string.Join(", ", online))}.");
        }
    }

    /// <summary>The id a new guest gets: the one asked for, if no guest has it, else the next free id (GET /cluster/nextid).</summary>
    private async Task<VmId> AllocateIdAsync(VmId? requested, string argument, CancellationToken cancellationToken)
    {
        if (requested is not { } id)
        {
            return await proxmox.GetNextVmIdAsync(cancellationToken);
        }

        var resources = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Vm, cancellationToken);
        var taken = resources.FirstOrDefault(r => r.VmId == id.Value && GuestTypeExtensions.FromApiName(r.Type) is not null);
        if (taken is not null)
        {
            var kind = GuestTypeExtensions.FromApiName(taken.Type)!.Value.Noun();
            throw new McpException(
                $"'{argument}' {id} is already used by {kind} {id}{(taken.Name is null ? "" : $" '{taken.Name}'")} on {taken.Node}. " +
                $"Omit {argument} to use the next free id, or choose another.");
        }

        return id;
    }

    /// <summary>
    /// PROXMOX_MCP_PROTECT / PROXMOX_MCP_ALLOW before asking anyone to confirm: the request about to be sent to the
    /// guest's path. (The HTTP pipeline checks every write again; this only spares the user a question.)
    /// </summary>
    private Task GuardAsync(HttpMethod method, GuestRef guest, string suffix, CancellationToken cancellationToken) =>
        guard.CheckAsync(method.Method, $"{PvePath.Of($"/nodes/{guest.Node}/{guest.Type}/{guest.VmId}").Value}{suffix}", [], cancellationToken);

    /// <summary>How long to wait for a task that itself waits up to <paramref name="guestSeconds"/> (shutdown timeout): a little longer, never less than the default.</summary>
    private int? WaitBound(int? guestSeconds) =>
        guestSeconds is { } s && s + 30 > settings.TaskTimeout.TotalSeconds ? s + 30 : null;

    private static List<string> Notes(params string?[] notes) => notes.OfType<string>().Where(n => n.Length > 0).ToList();
}
