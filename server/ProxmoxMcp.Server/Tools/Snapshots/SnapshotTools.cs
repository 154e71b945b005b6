using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Snapshots;

public sealed class SnapshotTools(ProxmoxClient proxmox, GuestLocator locator, TaskRunner tasks, Confirmation confirmation, GuestGuard guard)
{
    [DefaultProfile]
    [McpServerTool(Name = "get_snapshots", Title = "List snapshots", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SnapshotListOutput))]
    [Description("Shows a VM's or container's snapshot tree with times, descriptions, RAM state and where NOW is.")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetSnapshots(
        int vmid,
        string? node = null,
        string? type = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var nodeName = ToolArguments.OptionalNode(node);
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

    [DefaultProfile]
    [McpServerTool(Name = "create_snapshot", Title = "Create snapshot", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Snapshots a VM or container; vmstate=true saves a running VM's RAM. A snapshot is no backup: see create_backup.")]
    [PveEndpoint("POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> CreateSnapshot(
        int vmid,
        [Description("Letter first, then letters, digits, - or _ (2-40).")] string snapname,
        string? description = null,
        [Description("Also save a running VM's RAM.")] bool? vmstate = null,
        string? node = null,
        string? type = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var name = SnapshotName.Parse(snapname);
        if (name.Value.Equals("vzdump", StringComparison.OrdinalIgnoreCase))
        {
            throw new McpException("snapname 'vzdump' is reserved by Proxmox for backups; choose another name.");
        }

        var nodeName = ToolArguments.OptionalNode(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);
        if (vmstate == true && guest.Type == GuestType.Lxc)
        {
            throw new McpException($"vmstate (saving the RAM) exists only for VMs; {guest.Describe()} is a container. Call again without vmstate.");
        }

        // POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot
        var upid = await proxmox.CreateSnapshotAsync(guest.Node, guest.Type, id, name, description, vmstate, cancellationToken);
        return await tasks.ReportAsync($"Snapshot '{name}' of {guest.Describe()}", upid, wait, progress, cancellationToken, Notes(guest));
    }

    [DefaultProfile]
    [McpServerTool(Name = "delete_snapshot", Title = "Delete snapshot", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Deletes a snapshot of a VM or container. Needs confirm=snapname; get_snapshots lists them.")]
    [PveEndpoint("DELETE /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> DeleteSnapshot(
        McpServer server,
        int vmid,
        string snapname,
        string? node = null,
        string? type = null,
        [Description("Remove from config even if disk cleanup fails.")] bool? force = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var name = SnapshotName.Parse(snapname);
        var nodeName = ToolArguments.OptionalNode(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);
        var snapshot = await FindAsync(guest, name, cancellationToken);

        await guard.CheckAsync(HttpMethod.Delete, PvePath.Of($"/nodes/{guest.Node}/{guest.Type}/{id}/snapshot/{name}"), null, cancellationToken);
        var consequence = $"This deletes snapshot '{name}'{Taken(snapshot)} of {guest.Describe()}: the guest keeps running as it is, " +
            "but it can no longer be rolled back to that point";
        await confirmation.RequireAsync(server, "delete_snapshot", consequence, name.Value, confirm, cancellationToken);

        // DELETE /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}
        var upid = await proxmox.DeleteSnapshotAsync(guest.Node, guest.Type, id, name, force, cancellationToken);
        return await tasks.ReportAsync($"Delete snapshot '{name}' of {guest.Describe()}", upid, wait, progress, cancellationToken, Notes(guest));
    }

    [DefaultProfile]
    [McpServerTool(Name = "rollback_snapshot", Title = "Roll back to snapshot", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Returns a VM or container to a snapshot, losing every later change. Needs confirm=snapname.")]
    [PveEndpoint("POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}/rollback")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/status/current")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> RollbackSnapshot(
        McpServer server,
        int vmid,
        string snapname,
        string? node = null,
        string? type = null,
        bool? start = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var id = VmId.From(vmid);
        var name = SnapshotName.Parse(snapname);
        var nodeName = ToolArguments.OptionalNode(node);
        var guest = await SnapshotGuest.LocateAsync(locator, id, nodeName, SnapshotGuest.ParseType(type), cancellationToken);
        var snapshot = await FindAsync(guest, name, cancellationToken);

        await guard.CheckAsync(HttpMethod.Post, PvePath.Of($"/nodes/{guest.Node}/{guest.Type}/{id}/snapshot/{name}/rollback"), null, cancellationToken);
        var resumes = guest.Type == GuestType.Qemu && snapshot.VmState == true;
        var afterwards = resumes ? "runs on from the RAM saved in the snapshot"
            : start == true ? "is started"
            : guest.Status == "running" ? "is stopped and stays stopped" : "stays stopped";
        var consequence = $"This rolls {guest.Describe()} back to snapshot '{name}'{Taken(snapshot)}: every change made since then, " +
            $"on its disks and in its configuration, is lost; afterwards it {afterwards}";
        await confirmation.RequireAsync(server, "rollback_snapshot", consequence, name.Value, confirm, cancellationToken);

        // POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}/rollback
        var upid = await proxmox.RollbackSnapshotAsync(guest.Node, guest.Type, id, name, start, cancellationToken);
        var expected = resumes || start == true ? "running" : "stopped";
        var notes = Notes(guest)?.ToList() ?? [];
        if (!wait)
        {
            notes.Add($"When the task ends, the {guest.Type.Noun()} will be {expected}{(expected == "stopped" ? $"; start it with start_{Suffix(guest)}" : "")}.");
        }

        return await tasks.ReportAsync(
            $"Roll back {guest.Describe()} to snapshot '{name}'", upid, wait, progress, cancellationToken, notes,
            afterSuccess: ct => PowerStateAsync(guest, resumes, ct));
    }

    /// <summary>GET .../status/current after a rollback: whether the guest runs now (a snapshot with RAM resumes it; start=true starts it).</summary>
    private async Task<string?> PowerStateAsync(GuestRef guest, bool resumed, CancellationToken cancellationToken)
    {
        var status = await proxmox.GetGuestStatusAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var noun = guest.Type.Noun();
        return status.Status == "stopped"
            ? $"The {noun} is now stopped; start it with start_{Suffix(guest)} (or roll back with start=true)."
            : $"The {noun} is now {(status.QmpStatus == "paused" ? "paused" : "running")}{(resumed ? ", resumed from the RAM saved in the snapshot" : "")}.";
    }

    private static string Suffix(GuestRef guest) => guest.Type == GuestType.Qemu ? "vm" : "container";

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
