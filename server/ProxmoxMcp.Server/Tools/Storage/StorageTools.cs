using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Protection;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Storage;

public sealed class StorageTools(ProxmoxClient proxmox, Confirmation confirmation, TaskRunner tasks, GuestGuard guard)
{
    /// <summary>Content types delete_volume may remove; disks (images, rootdir) belong to guests and go with them.</summary>
    private static readonly string[] DeletableContent = ["iso", "vztmpl", "backup", "snippets", "import"];

    [DefaultProfile]
    [McpServerTool(Name = "get_storages", Title = "List storages", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(StorageListOutput))]
    [Description("Lists storages with type, content types, shared flag and used/total space per node.")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    [PveEndpoint("GET /nodes/{node}/storage")]
    public async Task<CallToolResult> GetStorages(
        string? node = null,
        [Description("images, rootdir, vztmpl, iso, backup, snippets or import.")] string? content = null,
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = ToolArguments.OptionalNode(node);
        var contentType = StorageContent.RequireOptional(content);

        var storages = nodeName is { } one
            ? await NodeStoragesAsync(one, contentType, cancellationToken)
            : await ClusterStoragesAsync(contentType, cancellationToken);
        var (items, page) = Paging.Apply(storages, offset, limit);
        return ToolResults.Success(new StorageListOutput { Storages = items, Page = page }, StorageJsonContext.Default.StorageListOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "get_storage_content", Title = "Storage content", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(StorageContentOutput))]
    [Description("Lists a storage's volumes (ISOs, templates, backups, disks) with volume id, size, vmid and date.")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    public async Task<CallToolResult> GetStorageContent(
        string storage,
        string? node = null,
        [Description("iso, vztmpl, backup, images, rootdir, snippets or import.")] string? content = null,
        int? vmid = null,
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var storageId = StorageId.Parse(storage);
        var nodeName = ToolArguments.OptionalNode(node);
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
    [Description("Deletes an ISO, template, backup, snippet or import volume (never guest disks). Needs confirm=volume id; get_storage_content lists them.")]
    [PveEndpoint("DELETE /nodes/{node}/storage/{storage}/content/{volume}")]
    [PveEndpoint("GET /nodes/{node}/storage/{storage}/content")]
    [PveEndpoint("GET /cluster/resources?type=storage")]
    public async Task<CallToolResult> DeleteVolume(
        McpServer server,
        [Description("STORAGE:NAME, e.g. local:iso/old.iso.")] string volume,
        string? node = null,
        string? confirm = null,
        bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var volumeId = VolumeId.Parse(volume);
        var nodeName = ToolArguments.OptionalNode(node);
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
        await guard.CheckAsync(HttpMethod.Delete, PvePath.Of($"/nodes/{resolved}/storage/{volumeId.Storage}/content/{volumeId}"), null, cancellationToken);
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
