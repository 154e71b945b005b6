using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>get_vm_config / get_container_config: every configuration key as Proxmox stores it.</summary>
public sealed record GuestConfigOutput : IToolOutput
{
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("digest")] public string? Digest { get; init; }
    [JsonPropertyName("config")] public required IReadOnlyDictionary<string, string> Config { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"{(Type == "qemu" ? "VM" : "Container")} {VmId} on {Node}: configuration ({Config.Count} keys)");
        foreach (var (key, value) in Config)
        {
            sb.Append('\n').Append(key).Append(": ").Append(value.ReplaceLineEndings(" | "));
        }

        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        return sb.ToString();
    }
}

/// <summary>One setting an update changed; null means not set (Proxmox's default applies).</summary>
public sealed record SettingChange(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("before")] string? Before = null,
    [property: JsonPropertyName("after")] string? After = null);

/// <summary>update_vm / update_container: what changed, before and after.</summary>
public sealed record ConfigChangeOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }

    /// <summary>updated, or unchanged when every setting already had the asked value.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }
    [JsonPropertyName("changes")] public required IReadOnlyList<SettingChange> Changes { get; init; }

    /// <summary>Settings asked for that already had that value.</summary>
    [JsonPropertyName("unchanged")] public IReadOnlyList<string>? Unchanged { get; init; }
    [JsonPropertyName("upid")] public string? Upid { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder(Status == "updated" ? $"Updated {Guest}:" : $"No change to {Guest}: every setting already had that value.");
        foreach (var change in Changes)
        {
            sb.Append($"\n  {change.Key}: {Show(change.Before)} -> {(change.After is null ? "(removed)" : Show(change.After))}");
        }

        if (Unchanged is { Count: > 0 } && Status == "updated")
        {
            sb.Append("\nAlready so: ").Append(string.Join(", ", Unchanged));
        }

        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        return sb.ToString();
    }

    private static string Show(string? value)
    {
        if (value is null)
        {
            return "(not set)";
        }

        var line = value.ReplaceLineEndings(" ");
        return line.Length > 80 ? line[..80] + "..." : line;
    }
}
