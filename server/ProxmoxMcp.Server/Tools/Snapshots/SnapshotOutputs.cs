using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Snapshots;

public sealed record SnapshotItem
{
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>The snapshot this one was taken after; null for the first.</summary>
    [JsonPropertyName("parent")] public string? Parent { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("taken")] public string? Taken { get; init; }

    /// <summary>The snapshot includes the VM's RAM (it resumes running when rolled back to).</summary>
    [JsonPropertyName("vmstate")] public bool? VmState { get; init; }
}

public sealed record SnapshotListOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public int VmId { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }

    /// <summary>qemu or lxc.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>Oldest first.</summary>
    [JsonPropertyName("snapshots")] public required IReadOnlyList<SnapshotItem> Snapshots { get; init; }

    /// <summary>The snapshot the live state ("current", "You are here") was taken after; null when there are none.</summary>
    [JsonPropertyName("current_parent")] public string? CurrentParent { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"{Guest}: ");
        sb.Append(Snapshots.Count switch { 0 => "no snapshots.", 1 => "1 snapshot.", var n => $"{n} snapshots (oldest first; an indented line branches off the line above it)." });
        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        foreach (var (depth, item) in SnapshotTree.Walk(Snapshots, CurrentParent))
        {
            sb.Append('\n').Append(' ', depth * 2);
            if (item is null)
            {
                sb.Append("NOW: the live state, you are here");
                continue;
            }

            sb.Append(item.Name).Append("  ").Append(item.Taken ?? "?");
            if (item.VmState == true)
            {
                sb.Append("  with RAM");
            }

            if (!string.IsNullOrWhiteSpace(item.Description))
            {
                sb.Append("  \"").Append(item.Description.ReplaceLineEndings(" / ").Trim()).Append('"');
            }
        }

        return sb.ToString();
    }
}
