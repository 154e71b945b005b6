using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Server.Tools.Storage;

/// <summary>
/// Which node to ask about a storage when the user did not say: a shared storage can be read through any node
/// where it is available, a local one only through the node it belongs to. One GET /cluster/resources?type=storage.
/// </summary>
public sealed class StorageLocator(ProxmoxClient proxmox)
{
    /// <summary>The node given, or the one node the storage can be read through; refuses when that is ambiguous.</summary>
    public async Task<NodeName> ResolveNodeAsync(StorageId storage, NodeName? node, CancellationToken cancellationToken)
    {
        if (node is { } given)
        {
            return given;
        }

        var entries = await FindAsync(storage, cancellationToken);
        var available = entries.Where(e => e.Status == "available").ToList();
        if (available.Count == 0)
        {
            throw new McpException($"Storage {storage} is not available on any node right now ({Describe(entries)}).");
        }

        if (available.Count > 1 && !available.Any(e => e.Shared == true))
        {
            throw new McpException(
                $"Storage {storage} is local to each of {string.Join(", ", available.Select(e => e.Node))}, with different content on each: name the node (node=...).");
        }

        return NodeName.Parse(available[0].Node, "node");
    }

    /// <summary>The storage's entry on every node, sorted by node name; refuses a storage the cluster does not have.</summary>
    public async Task<IReadOnlyList<ClusterResource>> FindAsync(StorageId storage, CancellationToken cancellationToken)
    {
        // GET /cluster/resources?type=storage
        var all = await proxmox.GetClusterResourcesAsync(ClusterResourceType.Storage, cancellationToken);
        var entries = all.Where(r => r.Type == "storage" && r.Storage == storage.Value && r.Node is not null)
            .OrderBy(r => r.Node, StringComparer.Ordinal)
            .ToList();
        if (entries.Count == 0)
        {
            var known = all.Where(r => r.Type == "storage").Select(r => r.Storage).OfType<string>().Distinct().Order(StringComparer.Ordinal);
            throw new McpException($"There is no storage '{storage}' in this cluster. Storages: {string.Join(", ", known)} (get_storages shows them with usage).");
        }

        return entries;
    }

    private static string Describe(IEnumerable<ClusterResource> entries) =>
        string.Join(", ", entries.Select(e => $"{e.Node}: {e.Status ?? "unknown"}"));
}
