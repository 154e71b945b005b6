using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Storage;

namespace ProxmoxMcp.Server.Tools.Backups;

/// <summary>A storage to read backups from, through one node (a shared storage is read once, a local one on each node).</summary>
public sealed record BackupPlace(StorageId Storage, NodeName Node, bool Shared, string? PluginType)
{
    public string Label => Shared ? $"{Storage} (shared)" : $"{Storage} on {Node}";
}

/// <summary>Finds the storages that hold backups (from GET /cluster/resources) and reads their backup volumes.</summary>
public sealed class BackupStores(ProxmoxClient proxmox)
{
    /// <summary>Storages with backup content that are available, optionally only one storage or only those a node can reach.</summary>
    public static List<BackupPlace> Places(IEnumerable<ClusterResource> resources, StorageId? storage, NodeName? node)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var entries = resources.Where(r => r.Type == "storage" && r.Storage is not null && r.Node is not null).ToList();
        if (storage is { } wanted)
        {
            var named = entries.Where(r => r.Storage == wanted.Value).ToList();
            if (named.Count == 0)
            {
                throw new McpException($"There is no storage '{wanted}' in this cluster. get_storages lists them (content=backup for those that hold backups).");
            }

            if (!named.Any(r => HoldsBackups(r)))
            {
                throw new McpException($"Storage {wanted} does not hold backups (its content types: {named[0].Content}). get_storages with content=backup lists those that do.");
            }
        }

        return entries
            .Where(r => HoldsBackups(r) && r.Status == "available")
            .Where(r => storage is null || r.Storage == storage.Value.Value)
            .Where(r => node is null || r.Node == node.Value.Value)
            .GroupBy(r => r.Storage!, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .SelectMany(g => g.Any(r => r.Shared == true)
                ? [g.OrderBy(r => r.Node, StringComparer.Ordinal).First()]
                : g.OrderBy(r => r.Node, StringComparer.Ordinal).AsEnumerable())
            .Select(r => new BackupPlace(StorageId.Parse(r.Storage, "storage"), NodeName.Parse(r.Node, "node"), r.Shared == true, r.PluginType))
            .ToList();
    }

    public static bool HoldsBackups(ClusterResource storage) =>
        StorageTools.SplitContent(storage?.Content).Contains("backup");

    /// <summary>The backup volumes on these storages (one GET per storage and node, in parallel), newest first.</summary>
    public async Task<List<BackupItem>> ListAsync(IReadOnlyList<BackupPlace> places, VmId? vmid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(places);

        // GET /nodes/{node}/storage/{storage}/content?content=backup
        var lists = await Task.WhenAll(places.Select(async place =>
            (place, volumes: await proxmox.GetStorageContentAsync(place.Node, place.Storage, "backup", vmid, cancellationToken))));
        return lists
            .SelectMany(l => l.volumes.Where(v => v.Content is null or "backup").Select(v => ToItem(l.place, v)))
            .OrderByDescending(b => b.CreationTime ?? 0)
            .ThenBy(b => b.VolId, StringComparer.Ordinal)
            .ToList();
    }

    private static BackupItem ToItem(BackupPlace place, StorageVolume v) => new()
    {
        VolId = v.VolId,
        VmId = v.VmId is > 0 ? v.VmId : null,
        GuestType = BackupArchive.KindOf(v.VolId, v.Subtype) switch { GuestType.Qemu => "vm", GuestType.Lxc => "container", _ => null },
        Storage = place.Storage.Value,
        Node = place.Shared ? null : place.Node.Value,
        Size = v.Size,
        Created = v.CreationTime is { } ctime ? Infrastructure.Format.IsoTime(ctime) : null,
        CreationTime = v.CreationTime,
        Format = v.Format,
        Notes = string.IsNullOrWhiteSpace(v.Notes) ? null : v.Notes,
        Protected = v.Protected == true ? true : null,
    };
}
