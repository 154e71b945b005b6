using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Storage;

/// <summary>A storage's state and usage as one node sees it.</summary>
public sealed record StorageUsage
{
    [JsonPropertyName("node")] public required string Node { get; init; }

    /// <summary>available, active, inactive, disabled or unknown (node offline).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("used")] public long? Used { get; init; }
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("avail")] public long? Available { get; init; }

    [JsonIgnore] public bool IsAvailable => Status is "available" or "active";

    public string Describe() => IsAvailable ? Format.Used(Used, Total) : Status.ToUpperInvariant();
}

public sealed record StorageItem
{
    [JsonPropertyName("storage")] public required string Storage { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("content")] public required IReadOnlyList<string> Content { get; init; }
    [JsonPropertyName("shared")] public bool Shared { get; init; }

    /// <summary>Per node; a shared storage shows the same usage on every node.</summary>
    [JsonPropertyName("nodes")] public required IReadOnlyList<StorageUsage> Nodes { get; init; }

    public string ToLine()
    {
        var sb = new StringBuilder(Storage).Append(" (").Append(Type ?? "?").Append(Shared ? ", shared" : "").Append(") ");
        sb.Append(Content.Count > 0 ? string.Join(',', Content) : "no content").Append(": ");
        if (Shared && Nodes.FirstOrDefault(n => n.IsAvailable) is { } seen)
        {
            sb.Append(seen.Describe()).Append(" on ").Append(string.Join(", ", Nodes.Select(n => n.IsAvailable ? n.Node : $"{n.Node} ({n.Status})")));
        }
        else
        {
            sb.Append(string.Join(", ", Nodes.Select(n => $"{n.Node} {n.Describe()}")));
        }

        return sb.ToString();
    }
}

public sealed record StorageListOutput : IToolOutput
{
    [JsonPropertyName("storages")] public required IReadOnlyList<StorageItem> Storages { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    public string ToText() =>
        Page.Summary("storages") + (Storages.Count > 0 ? "\n" + string.Join('\n', Storages.Select(s => s.ToLine())) : "");
}

/// <summary>One volume on a storage: a disk image, ISO, template, backup, snippet or import source.</summary>
public sealed record VolumeItem
{
    [JsonPropertyName("volid")] public required string VolId { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }
    [JsonPropertyName("created")] public string? Created { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    [JsonPropertyName("protected")] public bool? Protected { get; init; }

    public string ToLine() =>
        $"{VolId}  {Content}  {Infrastructure.Format.Bytes(Size)}" +
        (VmId is > 0 ? $"  vmid {VmId}" : "") +
        (Created is null ? "" : $"  {Created}") +
        (Protected == true ? "  protected" : "") +
        (string.IsNullOrWhiteSpace(Notes) ? "" : $"  notes: {OneLine(Notes)}");

    internal static string OneLine(string text) => text.ReplaceLineEndings(" / ").Trim();
}

public sealed record StorageContentOutput : IToolOutput
{
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("storage")] public required string Storage { get; init; }
    [JsonPropertyName("volumes")] public required IReadOnlyList<VolumeItem> Volumes { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"Storage {Storage} on {Node}: ").Append(Page.Summary("volumes"));
        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        foreach (var volume in Volumes)
        {
            sb.Append('\n').Append(volume.ToLine());
        }

        return sb.ToString();
    }
}
