using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Storage;

public sealed class StorageTools(ProxmoxClient proxmox, Confirmation confirmation, TaskRunner tasks)
{
    /// <summary>Content types delete_volume may remove; disks (images, rootdir) belong to guests and go with them.</summary>
    private static readonly string[] DeletableContent = ["iso", "vztmpl", "backup", "snippets", "import"];

    [McpServerTool(Name = "get_storages", Title = "List storages", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(StorageListOutput))]
    [Description("Lists storages with type, content types, whether shared, and used/total space per node (in GiB/TiB), sorted by id. " +
        "Without node: every storage of the cluster and its usage on each node, in one request. Filter by content type (e.g. backup, iso). " +
        "Use get_storage_content to see what a storage holds, get_backups for backups across all storages.")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    [PveEndpoint("GET /nodes/{node}/storage")]
    public async Task<CallToolResult> GetStorages(
        [Description("Only storages as this node sees them (with active/enabled state); omit for the whole cluster.")] string? node = null,
        [Description("Only storages that accept this content type: images, rootdir, vztmpl, iso, backup, snippets or import.")] string? content = null,
        [Description("Items to skip (for the next page).")] int? offset = null,
        [Description("Items to return (default 50, at most 500).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var contentType = StorageContent.RequireOptional(content);

        var storages = nodeName is { } one
            ? await NodeStoragesAsync(one, contentType, cancellationToken)
            : await ClusterStoragesAsync(contentType, cancellationToken);
        var (items, page) = Paging.Apply(storages, offset, limit);
        return ToolResults.Success(new StorageListOutput { Storages = items, Page = page }, StorageJsonContext.Default.StorageListOutput);
    }

    [McpServerTool(Name = "get_storage_content", Title = "Storage content", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(StorageContentOutput))]
    [Description("Lists the volumes on one storage (ISOs, container templates, backups, guest disks, snippets) with volume id, size, " +
        "owner vmid, creation time, notes and protection; sorted by content type, then vmid, newest first; paged. The volume ids are " +
        "what create_vm (iso), create_container (ostemplate) and restore_backup (archive) take. For backups across every storage use get_backups.")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    public async Task<CallToolResult> GetStorageContent(
        [Description("Storage id, as get_storages lists it (e.g. local).")] string storage,
        [Description("Node to read it through; may be omitted for a shared storage or one that exists on a single node.")] string? node = null,
        [Description("Only this content type: iso, vztmpl, backup, images, rootdir, snippets or import.")] string? content = null,
        [Description("Only volumes of this guest id.")] int? vmid = null,
        [Description("Items to skip (for the next page).")] int? offset = null,
        [Description("Items to return (default 50, at most 500).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var storageId = StorageId.Parse(storage);
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var contentType = StorageContent.RequireOptional(content);
        var guest = vmid is { } id ? VmId.From(id) : (VmId?)null;
        var resolved = await new StorageLocator(proxmox).ResolveNodeAsync(storageId, nodeName, cancellationToken);

        // GET /nodes/{node}/storage/{storage}/content
        var volumes = await proxmox.GetStorageContentAsync(resolved, storageId, contentType, guest, cancellationToken);
        var sorted = volumes
            .OrderBy(v => v.Content, StringComparer.Ordinal)
            .ThenBy(v => v.VmId ?? 0)
            .ThenByDescending(v => v.CreationTime ?? 0)
            .ThenBy(v => v.VolId, StringComparer.Ordinal)
            .Select(ToItem)
            .ToList();
        var (items, page) = Paging.Apply(sorted, offset, limit);
        var output = new StorageContentOutput
        {
            Node = resolved.Value,
            Storage = storageId.Value,
            Volumes = items,
            Page = page,
            Notes = nodeName is null ? [$"Read through node {resolved} (node was not given)."] : null,
        };
        return ToolResults.Success(output, StorageJsonContext.Default.StorageContentOutput);
    }

    [McpServerTool(Name = "delete_volume", Title = "Delete a volume", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Permanently deletes one ISO, container template, backup, snippet or import file from a storage, after confirmation; " +
        "waits for Proxmox to finish. Refuses guest disks (images, rootdir: remove those with the guest's own tools) and protected backups. " +
        "Find volume ids with get_storage_content or get_backups.")]
    [PveEndpoint("DELETE /nodes/{node}/storage/{storage}/content/{volume}")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    public async Task<CallToolResult> DeleteVolume(
        McpServer server,
        [Description("Volume id, STORAGE:NAME as get_storage_content shows it (e.g. local:iso/old.iso).")] string volume,
        [Description("Node the storage is read through; may be omitted for a shared storage or one on a single node.")] string? node = null,
        [Description("The volume id again, to confirm the deletion (asked for when missing).")] string? confirm = null,
        [Description("Wait for the deletion to finish (default true).")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var volumeId = VolumeId.Parse(volume);
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var resolved = await new StorageLocator(proxmox).ResolveNodeAsync(volumeId.Storage, nodeName, cancellationToken);

        // GET /nodes/{node}/storage/{storage}/content
        var found = (await proxmox.GetStorageContentAsync(resolved, volumeId.Storage, null, null, cancellationToken))
            .FirstOrDefault(v => v.VolId == volumeId.Value)
            ?? throw new McpException($"There is no volume {volumeId} on storage {volumeId.Storage} (read through {resolved}). get_storage_content lists its volumes.");
        if (!DeletableContent.Contains(found.Content))
        {
            throw new McpException(
                $"{volumeId} is a guest disk ({found.Content}{(found.VmId is > 0 ? $" of guest {found.VmId}" : "")}); delete_volume removes only ISOs, templates, " +
                "backups, snippets and import files. Remove a disk with the guest's own tools (update_vm to detach it, delete_vm or delete_container).");
        }

        if (found.Protected == true)
        {
            throw new McpException($"{volumeId} is protected, so Proxmox will not delete it. Remove the protection first (GUI: the backup's Protected flag, or `pvesh set /nodes/{resolved}/storage/{volumeId.Storage}/content/{volumeId} --protected 0`).");
        }

        var consequence = $"This permanently deletes {volumeId} ({found.Content}, {Format.Bytes(found.Size)}" +
            (found.CreationTime is { } created ? $", created {Format.Time(created)}" : "") + $") from storage {volumeId.Storage}";
        await confirmation.RequireAsync(server, "delete_volume", consequence, volumeId.Value, confirm, cancellationToken);

        // DELETE /nodes/{node}/storage/{storage}/content/{volume}
        var upid = await proxmox.DeleteVolumeAsync(resolved, volumeId, cancellationToken);
        return await tasks.ReportAsync($"Delete {volumeId} on {resolved}", upid, wait, progress, cancellationToken);
    }

    private async Task<List<StorageItem>> NodeStoragesAsync(NodeName node, string? content, CancellationToken cancellationToken)
    {
        // GET /nodes/{node}/storage
        var storages = await proxmox.GetNodeStoragesAsync(node, content, cancellationToken);
        return storages
            .OrderBy(s => s.Storage, StringComparer.Ordinal)
            .Select(s => new StorageItem
            {
                Storage = s.Storage,
                Type = s.Type,
                Content = SplitContent(s.Content),
                Shared = s.Shared == true,
                Nodes =
                [
                    new StorageUsage
                    {
                        Node = node.Value,
                        Status = s.Enabled == false ? "disabled" : s.Active == false ? "inactive" : "active",
                        Used = s.Used,
                        Total = s.Total,
                        Available = s.Available,
                    },
                ],
            })
            .ToList();
    }

    private async Task<List<StorageItem>> ClusterStoragesAsync(string? content, CancellationToken cancellationToken)
    {
        // GET /cluster/resources?type=storage (one request, every node's view)
        var resources = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Storage, cancellationToken);
        return resources
            .Where(r => r.Type == "storage" && r.Storage is not null)
            .Where(r => content is null || SplitContent(r.Content).Contains(content))
            .GroupBy(r => r.Storage!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StorageItem
            {
                Storage = g.Key,
                Type = g.First().PluginType,
                Content = SplitContent(g.First().Content),
                Shared = g.Any(r => r.Shared == true),
                Nodes = g.OrderBy(r => r.Node, StringComparer.Ordinal)
                    .Select(r => new StorageUsage
                    {
                        Node = r.Node ?? "?",
                        Status = r.Status ?? "unknown",
                        Used = r.Disk,
                        Total = r.MaxDisk,
                        Available = r.MaxDisk is { } total && r.Disk is { } used ? total - used : null,
                    })
                    .ToList(),
            })
            .ToList();
    }

    internal static List<string> SplitContent(string? content) =>
        (content ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();

    internal static VolumeItem ToItem(StorageVolume v) => new()
    {
        VolId = v.VolId,
        Content = v.Content,
        Format = v.Format,
        Size = v.Size,
        VmId = v.VmId is > 0 ? v.VmId : null,
        Created = v.CreationTime is { } ctime ? Format.IsoTime(ctime) : null,
        Notes = string.IsNullOrWhiteSpace(v.Notes) ? null : v.Notes,
        Protected = v.Protected == true ? true : null,
    };
}
