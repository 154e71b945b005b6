using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Backups;

public sealed class BackupTools(ProxmoxClient proxmox, TaskRunner tasks, Confirmation confirmation, GuestGuard guard)
{
    private const int MaxGuestsPerBackup = 100;
    private static readonly string[] Modes = ["snapshot", "suspend", "stop"];
    private static readonly string[] Compressions = ["zstd", "lzo", "gzip", "none"];

    [DefaultProfile]
    [McpServerTool(Name = "get_backups", Title = "List backups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BackupListOutput))]
    [Description("Lists backups on every backup storage (or one), newest first, with vmid, size, date and notes; the volume ids feed restore_backup.")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content?content=backup")]
    public async Task<CallToolResult> GetBackups(
        int? vmid = null,
        string? node = null,
        string? storage = null,
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var guest = vmid is { } id ? VmId.From(id) : (VmId?)null;
        var nodeName = ToolArguments.OptionalNode(node);
        var storageId = storage is null ? (StorageId?)null : StorageId.Parse(storage);

        // GET /cluster/resources?type=storage
        var resources = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Storage, cancellationToken);
        var places = BackupStores.Places(resources, storageId, nodeName);
        var backups = await new BackupStores(proxmox).ListAsync(places, guest, cancellationToken);
        var (items, page) = Paging.Apply(backups.Where(b => guest is null || b.VmId == guest.Value.Value).ToList(), offset, limit);
        var output = new BackupListOutput { Backups = items, Page = page, Searched = places.Select(p => p.Label).ToList() };
        return ToolResults.Success(output, BackupJsonContext.Default.BackupListOutput);
    }

    [McpServerTool(Name = "create_backup", Title = "Back up guests", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(BackupRunOutput))]
    [Description("Backs up VMs or containers with vzdump, picking a backup storage when none is given; returns the volumes created.")]
    [PveEndpoint("POST /nodes/{node}/vzdump")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content?content=backup")]
    public async Task<CallToolResult> CreateBackup(
        int? vmid = null,
        int[]? vmids = null,
        string? storage = null,
        [Description("snapshot (no downtime), suspend or stop.")] string mode = "snapshot",
        [Description("zstd, lzo, gzip or none.")] string compress = "zstd",
        [Description("{{guestname}}, {{vmid}}, {{node}} are filled in.")] string? notes = null,
        bool? @protected = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var ids = (vmid is { } one ? [one] : Array.Empty<int>()).Concat(vmids ?? []).Select(v => VmId.From(v, vmids?.Contains(v) == true ? "vmids" : "vmid")).Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new McpException("Name the guest(s) to back up: vmid=100, or vmids=[100, 101]. get_cluster_resources lists the guests.");
        }

        if (ids.Count > MaxGuestsPerBackup)
        {
            throw new McpException($"At most {MaxGuestsPerBackup} guests per call; split the list.");
        }

        var backupMode = Choice(mode, Modes, "mode");
        var compression = Choice(compress, Compressions, "compress");
        var named = storage is null ? (StorageId?)null : StorageId.Parse(storage);

        // GET /cluster/resources (guests and storages in one request)
        var resources = await proxmox.GetClusterResourcesAsync(null, cancellationToken);
        var guests = ids.Select(id => (Id: id, Guest: resources.FirstOrDefault(r => r.VmId == id.Value && r.Type is "qemu" or "lxc"))).ToList();
        if (guests.Where(g => g.Guest is null).Select(g => g.Id).ToList() is { Count: > 0 } missing)
        {
            throw new McpException($"No VM or container with id {string.Join(", ", missing)} exists in this cluster. get_cluster_resources lists the guests.");
        }

        var byNode = guests.GroupBy(g => NodeName.Parse(g.Guest!.Node, "node")).OrderBy(g => g.Key.Value, StringComparer.Ordinal).ToList();
        var target = BackupTarget.Choose(resources, byNode.Select(g => g.Key).ToList(), named);
        var places = target.Shared
            ? [new BackupPlace(target.Storage, byNode[0].Key, true, target.PluginType)]
            : byNode.Select(g => new BackupPlace(target.Storage, g.Key, false, target.PluginType)).ToList();
        var stores = new BackupStores(proxmox);
        var filter = ids.Count == 1 ? ids[0] : (VmId?)null;
        var before = (await stores.ListAsync(places, filter, cancellationToken)).Select(b => b.VolId).ToHashSet(StringComparer.Ordinal);

        foreach (var group in byNode)
        {
            // PROXMOX_MCP_ALLOW: every group is checked before the first backup starts, so none starts when one is refused.
            await guard.CheckAsync(HttpMethod.Post, PvePath.Of($"/nodes/{group.Key}/vzdump"), new PveParameters().Add("vmid", string.Join(",", group.Select(g => g.Id))), cancellationToken);
        }

        var started = new List<(string Action, Upid Upid)>();
        foreach (var group in byNode)
        {
            var request = new BackupRequest(group.Select(g => g.Id).ToList())
            {
                Storage = target.Storage,
                Mode = backupMode,
                Compress = target.IsBackupServer ? null : compression == "none" ? "0" : compression,
                NotesTemplate = notes,
                Protected = @protected,
            };

            // POST /nodes/{node}/vzdump
            var upid = await proxmox.StartBackupAsync(group.Key, request, cancellationToken);
            started.Add(($"Back up {string.Join(", ", group.Select(g => Describe(g.Guest!, withNode: false)))} on {group.Key}", upid));
        }

        var action = $"Backup of {ids.Count} guest(s) to {target.Storage} ({backupMode} mode)";
        var notesOut = new List<string> { $"Storage {target.Storage}: {target.Reason}." };
        if (target.IsBackupServer && compress != "zstd")
        {
            notesOut.Add("compress was not sent: Proxmox Backup Server compresses on its own.");
        }

        if (!wait)
        {
            var reports = started.Select(s => new TaskReport { Action = s.Action, Status = "started", Upid = s.Upid.Text, Node = s.Upid.Node.Value }).ToList();
            notesOut.Add("Not waited for: follow the tasks with wait_for_task; get_backups shows the result.");
            return ToolResults.Success(
                new BackupRunOutput { Action = action, Status = "started", Storage = target.Storage.Value, Tasks = reports, Notes = notesOut },
                BackupJsonContext.Default.BackupRunOutput);
        }

        var relay = progress is null ? null : new CountingProgress(progress);
        var outcomes = new List<TaskReport>();
        foreach (var (taskAction, upid) in started)
        {
            var outcome = await tasks.WaitAsync(upid, null, relay, cancellationToken);
            outcomes.Add(TaskReport.FromOutcome(taskAction, outcome));
        }

        var after = await stores.ListAsync(places, filter, cancellationToken);
        var created = after.Where(b => !before.Contains(b.VolId) && ids.Any(id => id.Value == b.VmId)).ToList();
        var status = outcomes.Any(o => o.Status == "failed") ? "failed" : outcomes.Any(o => o.Status == "running") ? "running" : "completed";
        if (status == "completed" && created.Count < ids.Count)
        {
            notesOut.Add($"Found {created.Count} new backup volume(s) for {ids.Count} guest(s); get_backups shows what the storage holds.");
        }

        var output = new BackupRunOutput { Action = action, Status = status, Storage = target.Storage.Value, Tasks = outcomes, Created = created, Notes = notesOut };
        return status == "failed"
            ? ToolResults.Failure(output, BackupJsonContext.Default.BackupRunOutput)
            : ToolResults.Success(output, BackupJsonContext.Default.BackupRunOutput);
    }

    [McpServerTool(Name = "restore_backup", Title = "Restore backup", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Restores a backup as a new guest (next free vmid), or over an existing one with force=true and confirm=vmid; get_backups lists archives.")]
    [PveEndpoint("POST /nodes/{node}/qemu")]
    [PveEndpoint("POST /nodes/{node}/lxc")]
    [PveEndpoint("GET /cluster/resources")]
    [PveEndpoint("GET /cluster/nextid")]
    public async Task<CallToolResult> RestoreBackup(
        McpServer server,
        [Description("Backup volume id from get_backups.")] string archive,
        [Description("Target vmid; next free id when omitted.")] int? vmid = null,
        string? node = null,
        string? storage = null,
        bool? start = null,
        [Description("New MAC addresses.")] bool? unique = null,
        [Description("Overwrite the guest with this vmid.")] bool force = false,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var archiveId = VolumeId.Parse(archive, "archive");
        var kind = BackupArchive.KindOf(archiveId.Value)
            ?? throw new McpException($"Cannot tell whether {archiveId} holds a VM or a container: the name should contain vzdump-qemu- or vzdump-lxc- " +
                "(or backup/vm/ or backup/ct/ on Proxmox Backup Server). get_backups lists backups with their kind.");
        var requested = vmid is { } v ? VmId.From(v) : (VmId?)null;
        var nodeName = ToolArguments.OptionalNode(node);
        var diskStorage = storage is null ? (StorageId?)null : StorageId.Parse(storage);
        var notes = new List<string>();

        // GET /cluster/resources (guests and storages in one request)
        var resources = await proxmox.GetClusterResourcesAsync(null, cancellationToken);
        var existing = requested is { } wanted ? resources.FirstOrDefault(r => r.VmId == wanted.Value && r.Type is "qemu" or "lxc") : null;
        VmId id;
        NodeName target;
        if (existing is not null)
        {
            id = requested!.Value;
            target = await PrepareOverwriteAsync(server, existing, kind, archiveId, force, confirm, cancellationToken);
            if (nodeName is { } given && given != target)
            {
                notes.Add($"Restored on {target}, where guest {id} is, not on {given}.");
            }
        }
        else
        {
            // GET /cluster/nextid
            id = requested ?? await proxmox.GetNextVmIdAsync(cancellationToken);
            target = nodeName ?? ArchiveNode(resources, archiveId, notes);
            if (force)
            {
                notes.Add($"force ignored: no guest {id} existed.");
            }
        }

        var request = new RestoreRequest(id, archiveId) { Storage = diskStorage, Force = existing is null ? null : true, Unique = unique, Start = start };

        // POST /nodes/{node}/qemu (archive=...)  or  POST /nodes/{node}/lxc (ostemplate=..., restore=1)
        var upid = await proxmox.RestoreGuestAsync(target, kind, request, cancellationToken);
        notes.Insert(0, $"The restored {kind.Noun()} has id {id} on {target}.");
        return await tasks.ReportAsync($"Restore {archiveId} as {kind.Noun()} {id} on {target}", upid, wait, progress, cancellationToken, notes);
    }

    private async Task<NodeName> PrepareOverwriteAsync(
        McpServer server, ClusterResource existing, GuestType kind, VolumeId archive, bool force, string? confirm, CancellationToken cancellationToken)
    {
        var describe = Describe(existing);
        var existingKind = GuestTypeExtensions.FromApiName(existing.Type)!.Value;
        if (existingKind != kind)
        {
            throw new McpException($"{describe} exists and the archive holds a {kind.Noun()}: a {kind.Noun()} cannot replace a {existingKind.Noun()}. " +
                "Omit vmid to restore under the next free id, or choose a free id.");
        }

        if (!force)
        {
            throw new McpException($"{describe} already exists. Omit vmid to restore as a new guest with the next free id, or choose a free id. " +
                $"To replace that guest with the backup instead (its current disks and configuration are destroyed), call again with force=true and confirm=\"{existing.VmId}\".");
        }

        if (existing.Status == "running")
        {
            throw new McpException($"{describe} is running: stop it first (shutdown_{(kind == GuestType.Qemu ? "vm" : "container")}), then restore over it.");
        }

        var node = NodeName.Parse(existing.Node, "node");
        await guard.CheckAsync(HttpMethod.Post, PvePath.Of($"/nodes/{node}/{kind}"), new PveParameters().Add("vmid", existing.VmId), cancellationToken);
        var consequence = $"This replaces {describe} with the backup {archive}: the guest's current disks and configuration are destroyed";
        await confirmation.RequireAsync(server, "restore_backup", consequence, existing.VmId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), confirm, cancellationToken);
        return node;
    }

    /// <summary>The node to restore a new guest on when none was given: where the archive's storage is.</summary>
    private static NodeName ArchiveNode(IReadOnlyList<ClusterResource> resources, VolumeId archive, List<string> notes)
    {
        var entries = resources.Where(r => r.Type == "storage" && r.Storage == archive.Storage.Value && r.Status == "available" && r.Node is not null)
            .OrderBy(r => r.Node, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            throw new McpException($"Storage {archive.Storage} of the archive is not available on any node. get_storages shows the storages and their state.");
        }

        if (entries.Count > 1 && !entries.Any(e => e.Shared == true))
        {
            throw new McpException($"Storage {archive.Storage} is local to each of {string.Join(", ", entries.Select(e => e.Node))}: name the node that holds the archive " +
                "(get_backups shows it).");
        }

        if (entries.Count > 1)
        {
            notes.Add($"The archive's storage {archive.Storage} is shared; restored on {entries[0].Node}. Pass node=... to choose another node.");
        }

        return NodeName.Parse(entries[0].Node, "node");
    }

    private static string Choice(string value, string[] allowed, string name)
    {
        var normalized = value.Trim().ToLowerInvariant();
        return allowed.Contains(normalized)
            ? normalized
            : throw new McpException($"{name} '{value}' is not one of: {string.Join(", ", allowed)}.");
    }

    private static string Describe(ClusterResource guest, bool withNode = true) =>
        $"{(guest.Type == "lxc" ? "container" : "VM")} {guest.VmId}{(string.IsNullOrEmpty(guest.Name) ? "" : $" '{guest.Name}'")}" + (withNode ? $" on {guest.Node}" : "");

    /// <summary>Progress over several tasks: MCP requires each notification's progress to exceed the last.</summary>
    private sealed class CountingProgress(IProgress<ProgressNotificationValue> inner) : IProgress<ProgressNotificationValue>
    {
        private int count;

        public void Report(ProgressNotificationValue value) =>
            inner.Report(new ProgressNotificationValue { Progress = ++count, Total = value.Total, Message = value.Message });
    }
}
