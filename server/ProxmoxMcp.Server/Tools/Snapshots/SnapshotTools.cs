using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Snapshots;

public sealed class SnapshotTools(ProxmoxClient proxmox, GuestLocator locator, TaskRunner tasks, Confirmation confirmation)
{
    [McpServerTool(Name = "get_snapshots", Title = "List snapshots", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SnapshotListOutput))]
    [Description("Shows the snapshot tree of a VM or container: each snapshot with its time, description and whether it holds the RAM, " +
        "its parent, and where the live state ('NOW', you are here) branches off. Works for both kinds: the kind is found from the vmid. " +
        "Use create_snapshot to take one, rollback_snapshot to return to one; for backups (copies on other storage) use get_backups.")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetSnapshots(
        [Description("Guest id (VM or container), 100-999999999.")] int vmid,
        [Description("Node the guest is on; found automatically when omitted.")] string? node = null,
        [Description("Guest kind: " + SnapshotGuest.TypeDescription)] string? type = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);

        // GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot
        var snapshots = await proxmox.GetSnapshotsAsync(guest.Node, guest.Type, id, cancellationToken);
        var output = new SnapshotListOutput
        {
            Guest = guest.Describe(),
            VmId = id.Value,
            Node = guest.Node.Value,
            Type = guest.Type.ApiName(),
            Snapshots = SnapshotTree.Items(snapshots),
            CurrentParent = SnapshotTree.CurrentParent(snapshots),
            Notes = guest.Note is null ? null : [guest.Note],
        };
        return ToolResults.Success(output, SnapshotJsonContext.Default.SnapshotListOutput);
    }

    [McpServerTool(Name = "create_snapshot", Title = "Create snapshot", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Takes a snapshot of a VM or container (the kind is found from the vmid) and waits until Proxmox reports it done; " +
        "returns the outcome. vmstate=true also saves a running VM's RAM (VMs only). A snapshot lives on the guest's own storage and is no " +
        "backup: for a copy elsewhere use create_backup. get_snapshots shows the result.")]
    [PveEndpoint("POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> CreateSnapshot(
        [Description("Guest id (VM or container), 100-999999999.")] int vmid,
        [Description("Snapshot name: 2-40 characters, a letter first, then letters, digits, '-' or '_' (e.g. before_upgrade).")] string snapname,
        [Description("What the snapshot is for, shown by get_snapshots.")] string? description = null,
        [Description("VMs only: also save the RAM of a running VM, so a rollback resumes it where it was (slower, uses disk space).")] bool? vmstate = null,
        [Description("Node the guest is on; found automatically when omitted.")] string? node = null,
        [Description("Guest kind: " + SnapshotGuest.TypeDescription)] string? type = null,
        [Description("Wait for the snapshot to finish (default true); false returns the task id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var name = SnapshotName.Parse(snapname);
        if (name.Value.Equals("vzdump", StringComparison.OrdinalIgnoreCase))
        {
            throw new McpException("snapname 'vzdump' is reserved by Proxmox for backups; choose another name.");
        }

        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);
        if (vmstate == true && guest.Type == GuestType.Lxc)
        {
            throw new McpException($"vmstate (saving the RAM) exists only for VMs; {guest.Describe()} is a container. Call again without vmstate.");
        }

        // POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot
        var upid = await proxmox.CreateSnapshotAsync(guest.Node, guest.Type, id, name, description, vmstate, cancellationToken);
        return await tasks.ReportAsync($"Snapshot '{name}' of {guest.Describe()}", upid, wait, progress, cancellationToken, Notes(guest));
    }

    [McpServerTool(Name = "delete_snapshot", Title = "Delete snapshot", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Deletes one snapshot of a VM or container (the kind is found from the vmid) after confirmation, and waits for Proxmox to " +
        "finish; the guest's live state is unchanged but that point can no longer be rolled back to. Needs confirm = the snapshot name. " +
        "get_snapshots lists the names.")]
    [PveEndpoint("DELETE /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> DeleteSnapshot(
        McpServer server,
        [Description("Guest id (VM or container), 100-999999999.")] int vmid,
        [Description("Name of the snapshot to delete.")] string snapname,
        [Description("Node the guest is on; found automatically when omitted.")] string? node = null,
        [Description("Guest kind: " + SnapshotGuest.TypeDescription)] string? type = null,
        [Description("Remove it from the configuration even if removing the disk snapshots fails (default false).")] bool? force = null,
        [Description("The snapshot name again, to confirm the deletion (asked for when missing).")] string? confirm = null,
        [Description("Wait for the deletion to finish (default true); false returns the task id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var name = SnapshotName.Parse(snapname);
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);
        var snapshot = await FindAsync(guest, name, cancellationToken);

        var consequence = $"This deletes snapshot '{name}'{Taken(snapshot)} of {guest.Describe()}: the guest keeps running as it is, " +
            "but it can no longer be rolled back to that point";
        await confirmation.RequireAsync(server, "delete_snapshot", consequence, name.Value, confirm, cancellationToken);

        // DELETE /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}
        var upid = await proxmox.DeleteSnapshotAsync(guest.Node, guest.Type, id, name, force, cancellationToken);
        return await tasks.ReportAsync($"Delete snapshot '{name}' of {guest.Describe()}", upid, wait, progress, cancellationToken, Notes(guest));
    }

    [McpServerTool(Name = "rollback_snapshot", Title = "Roll back to snapshot", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Returns a VM or container (the kind is found from the vmid) to a snapshot after confirmation, and waits for Proxmox to " +
        "finish: every change since the snapshot, on disk and in the configuration, is lost. Needs confirm = the snapshot name. " +
        "Consider create_snapshot or create_backup first to keep the current state; get_snapshots lists the names.")]
    [PveEndpoint("POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}/rollback")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> RollbackSnapshot(
        McpServer server,
        [Description("Guest id (VM or container), 100-999999999.")] int vmid,
        [Description("Name of the snapshot to return to.")] string snapname,
        [Description("Node the guest is on; found automatically when omitted.")] string? node = null,
        [Description("Guest kind: " + SnapshotGuest.TypeDescription)] string? type = null,
        [Description("Start the guest after the rollback (default false; a snapshot with RAM resumes running anyway).")] bool? start = null,
        [Description("The snapshot name again, to confirm the rollback (asked for when missing).")] string? confirm = null,
        [Description("Wait for the rollback to finish (default true); false returns the task id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var name = SnapshotName.Parse(snapname);
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);
        var snapshot = await FindAsync(guest, name, cancellationToken);

        var running = guest.Status == "running";
        var consequence = $"This rolls {guest.Describe()} back to snapshot '{name}'{Taken(snapshot)}: every change made since then, " +
            "on its disks and in its configuration, is lost" +
            (running ? snapshot.VmState == true ? "; the running VM continues from the RAM saved in the snapshot" : $"; the running {guest.Type.Noun()} is stopped" : "");
        await confirmation.RequireAsync(server, "rollback_snapshot", consequence, name.Value, confirm, cancellationToken);

        // POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}/rollback
        var upid = await proxmox.RollbackSnapshotAsync(guest.Node, guest.Type, id, name, start, cancellationToken);
        return await tasks.ReportAsync($"Roll back {guest.Describe()} to snapshot '{name}'", upid, wait, progress, cancellationToken, Notes(guest));
    }

    private async Task<Snapshot> FindAsync(GuestRef guest, SnapshotName name, CancellationToken cancellationToken)
    {
        // GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot
        var snapshots = await proxmox.GetSnapshotsAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var existing = snapshots.Where(s => s.Name != SnapshotTree.Current).ToList();
        return existing.FirstOrDefault(s => s.Name == name.Value)
            ?? throw new McpException(
                $"{guest.Describe()} has no snapshot '{name}'. " +
                (existing.Count == 0 ? "It has no snapshots at all." : $"Its snapshots: {string.Join(", ", existing.Select(s => s.Name))}."));
    }

    private static string[]? Notes(GuestRef guest) => guest.Note is null ? null : [guest.Note];

    private static string Taken(Snapshot snapshot) => snapshot.SnapTime is > 0 ? $" (taken {Format.IsoTime(snapshot.SnapTime)})" : "";
}
