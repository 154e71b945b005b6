using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Snapshots;

/// <summary>
/// Orders PVE's flat snapshot list (each entry names its parent; the pseudo-entry "current" is the live state) as a
/// tree: depth-first, oldest first, a line indented only where the history branches, so a linear history stays flat.
/// </summary>
public static class SnapshotTree
{
    public const string Current = "current";

    public static List<SnapshotItem> Items(IReadOnlyList<Snapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var names = snapshots.Where(s => s.Name != Current).Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return snapshots
            .Where(s => s.Name != Current)
            .OrderBy(s => s.SnapTime ?? 0).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new SnapshotItem
            {
                Name = s.Name,
                Parent = s.Parent is { } parent && names.Contains(parent) ? parent : null,
                Description = string.IsNullOrWhiteSpace(s.Description) ? null : s.Description.Trim(),
                Taken = s.SnapTime is > 0 ? Format.IsoTime(s.SnapTime) : null,
                VmState = s.VmState == true ? true : null,
            })
            .ToList();
    }

    /// <summary>The parent of "current", when it names an existing snapshot.</summary>
    public static string? CurrentParent(IReadOnlyList<Snapshot> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        var parent = snapshots.FirstOrDefault(s => s.Name == Current)?.Parent;
        return parent is not null && snapshots.Any(s => s.Name == parent && s.Name != Current) ? parent : null;
    }

    /// <summary>(depth, snapshot) in display order; a null snapshot is the live state ("NOW").</summary>
    public static IEnumerable<(int Depth, SnapshotItem? Item)> Walk(IReadOnlyList<SnapshotItem> items, string? currentParent)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byParent = items.ToLookup(i => i.Parent ?? "", StringComparer.Ordinal);
        var output = new List<(int, SnapshotItem?)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Children of a snapshot in order; "NOW" is the newest child of its parent.
        List<SnapshotItem?> Children(string parent) =>
            [.. byParent[parent], .. (currentParent ?? "") == parent ? new SnapshotItem?[] { null } : []];

        void Visit(List<SnapshotItem?> siblings, int depth)
        {
            var branching = siblings.Count > 1;
            foreach (var child in siblings)
            {
                var childDepth = branching ? depth + 1 : depth;
                output.Add((childDepth, child));
                if (child is not null && seen.Add(child.Name))
                {
                    Visit(Children(child.Name), childDepth);
                }
            }
        }

        var roots = Children("");
        foreach (var root in roots)
        {
            output.Add((0, root));
            if (root is not null && seen.Add(root.Name))
            {
                Visit(Children(root.Name), 0);
            }
        }

        return output;
    }
}
