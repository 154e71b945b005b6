using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Server.Tools.Backups;

/// <summary>The storage create_backup writes to, and why: the one named, or the best backup storage every involved node can reach.</summary>
public sealed record BackupTarget(StorageId Storage, bool Shared, string? PluginType, string Reason)
{
    public bool IsBackupServer => PluginType == "pbs";

    public static BackupTarget Choose(IReadOnlyList<ClusterResource> resources, IReadOnlyCollection<NodeName> nodes, StorageId? named)
    {
        ArgumentNullException.ThrowIfNull(resources);
        ArgumentNullException.ThrowIfNull(nodes);
        var storages = resources.Where(r => r.Type == "storage" && r.Storage is not null && r.Node is not null).ToList();
        var candidates = storages
            .Where(BackupStores.HoldsBackups)
            .GroupBy(r => r.Storage!, StringComparer.Ordinal)
            .Where(g => nodes.All(n => g.Any(r => r.Node == n.Value && r.Status == "available")))
            .Select(g => (Id: g.Key, Shared: g.Any(r => r.Shared == true), Type: g.First().PluginType,
                Free: g.Where(r => nodes.Any(n => n.Value == r.Node)).Min(r => (r.MaxDisk ?? 0) - (r.Disk ?? 0))))
            .ToList();
        var where = string.Join(", ", nodes);
        if (named is { } wanted)
        {
            var match = candidates.FirstOrDefault(c => c.Id == wanted.Value);
            if (match.Id is null)
            {
                var why = !storages.Any(r => r.Storage == wanted.Value) ? "there is no such storage"
                    : !storages.Any(r => r.Storage == wanted.Value && BackupStores.HoldsBackups(r)) ? "it does not accept backup content"
                    : $"it is not available on {where}";
                throw new McpException($"Cannot back up to storage {wanted}: {why}. " + Suggest(candidates.Select(c => c.Id)));
            }

            return new BackupTarget(wanted, match.Shared, match.Type, "as asked");
        }

        if (candidates.Count == 0)
        {
            throw new McpException($"No storage that accepts backups is available on {where}. Enable the backup content type on a storage " +
                "(Datacenter > Storage > Edit > Content) or add a Proxmox Backup Server, then name it with storage=...");
        }

        var best = candidates
            .OrderByDescending(c => c.Type == "pbs")
            .ThenByDescending(c => c.Shared)
            .ThenByDescending(c => c.Free)
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .First();
        var reason = best.Type == "pbs" ? "a Proxmox Backup Server storage"
            : best.Shared ? "a shared storage (the backup survives the loss of a node)"
            : $"the backup storage with the most free space on {where}";
        var others = candidates.Where(c => c.Id != best.Id).Select(c => c.Id).ToList();
        return new BackupTarget(StorageId.Parse(best.Id, "storage"), best.Shared, best.Type,
            $"chosen automatically: {reason}" + (others.Count > 0 ? $"; others: {string.Join(", ", others)}" : ""));
    }

    private static string Suggest(IEnumerable<string> candidates) =>
        candidates.ToList() is { Count: > 0 } list ? $"Storages that can take it: {string.Join(", ", list)}." : "No storage that accepts backups is available there.";
}
