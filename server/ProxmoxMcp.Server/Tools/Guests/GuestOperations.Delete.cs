using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>delete_vm / delete_container options: PVE's purge and destroy-unreferenced-disks, both on by default as in the Proxmox GUI.</summary>
public sealed record DeleteRequest(bool Purge = true, bool DestroyUnreferencedDisks = true, string? Confirm = null, bool Wait = true);

// Deleting a guest: refused while protected or running (with the way out), confirmed, then DELETE /nodes/{node}/{type}/{vmid}.
public sealed partial class GuestOperations
{
    public async Task<CallToolResult> DeleteAsync(
        GuestCall call, DeleteRequest request, McpServer server, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = GuestTarget.Parse(call);
        var guest = await target.LocateAsync(locator, cancellationToken);
        var config = await proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        if (config.IsProtected)
        {
            throw new McpException(
                $"{guest.Describe()} is protected (protection=1): Proxmox refuses to delete it or its disks. If the user really wants it deleted, " +
                $"lift the protection first with {target.ToolName("update")} vmid={guest.VmId} protection=false, then call {target.Tool} again.");
        }

        target.RequireStopped(guest, "deletes");
        await GuardAsync(HttpMethod.Delete, guest, "", cancellationToken);
        var disks = GuestDetailBuilder.Disks(guest.Type, config).Where(d => d.Media != "cdrom" && d.Volume is not null).ToList();
        var consequence = $"This permanently deletes {guest.Describe()}" +
            (disks.Count == 0 ? "" : $" and its disks ({string.Join(", ", disks.Select(d => d.Volume + (d.Size is null ? "" : $" {d.Size}")))})") +
            (request.DestroyUnreferencedDisks ? ", plus any unreferenced disks with its id" : "") +
            (request.Purge ? ", and removes it from backup jobs, replication and HA" : "");
        await confirmation.RequireAsync(server, target.Tool, consequence, guest.VmId.ToString(), request.Confirm, cancellationToken);

        var upid = await proxmox.DeleteGuestAsync(guest.Node, guest.Type, guest.VmId, request.Purge, request.DestroyUnreferencedDisks, cancellationToken);
        return await tasks.ReportAsync($"Delete {guest.Describe()}", upid, request.Wait, progress, cancellationToken, Notes(guest.Note));
    }
}
