using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Backups;

public sealed record BackupItem
{
    [JsonPropertyName("volid")] public required string VolId { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }

    /// <summary>vm or container (from the archive name); null when it cannot be told.</summary>
    [JsonPropertyName("guest_type")] public string? GuestType { get; init; }
    [JsonPropertyName("storage")] public required string Storage { get; init; }

    /// <summary>The node whose local storage holds it; null on a shared storage (reachable from every node).</summary>
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("created")] public string? Created { get; init; }
    [JsonPropertyName("ctime")] public long? CreationTime { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    [JsonPropertyName("protected")] public bool? Protected { get; init; }

    public string ToLine() =>
        $"{Infrastructure.Format.Time(CreationTime)}  {(GuestType ?? "guest")} {VmId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}  {VolId}  " +
        $"{Infrastructure.Format.Bytes(Size)}" + (Node is null ? "" : $"  on {Node}") + (Protected == true ? "  protected" : "") +
        (string.IsNullOrWhiteSpace(Notes) ? "" : $"  notes: {Notes.ReplaceLineEndings(" / ").Trim()}");
}

public sealed record BackupListOutput : IToolOutput
{
    /// <summary>Newest first.</summary>
    [JsonPropertyName("backups")] public required IReadOnlyList<BackupItem> Backups { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    /// <summary>The storages read, as storage or storage@node for a local one.</summary>
    [JsonPropertyName("searched")] public required IReadOnlyList<string> Searched { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder(Page.Summary("backups")).Append(Backups.Count > 1 ? " Newest first." : "");
        sb.Append("\nSearched: ").Append(Searched.Count == 0 ? "no storage with backup content is available" : string.Join(", ", Searched)).Append('.');
        foreach (var backup in Backups)
        {
            sb.Append('\n').Append(backup.ToLine());
        }

        return sb.ToString();
    }
}

/// <summary>What create_backup did: one vzdump task per node involved, and the backups it produced.</summary>
public sealed record BackupRunOutput : IToolOutput
{
    [JsonPropertyName("action")] public required string Action { get; init; }

    /// <summary>completed, failed, running (still running when waiting stopped) or started (not waited for).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("storage")] public required string Storage { get; init; }
    [JsonPropertyName("tasks")] public required IReadOnlyList<TaskReport> Tasks { get; init; }

    /// <summary>Backup volumes that appeared on the storage while the tasks ran.</summary>
    [JsonPropertyName("created")] public IReadOnlyList<BackupItem>? Created { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"{Action}: {Status}.");
        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        foreach (var backup in Created ?? [])
        {
            sb.Append("\nCreated: ").Append(backup.ToLine());
        }

        foreach (var task in Tasks)
        {
            sb.Append('\n').Append(task.ToText());
        }

        return sb.ToString();
    }
}
