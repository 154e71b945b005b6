using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /nodes/{node}/storage
public sealed record NodeStorage
{
    [JsonPropertyName("storage")] public string Storage { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("active")] public bool? Active { get; init; }
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("shared")] public bool? Shared { get; init; }
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("used")] public long? Used { get; init; }
    [JsonPropertyName("avail")] public long? Available { get; init; }
    [JsonPropertyName("used_fraction")] public double? UsedFraction { get; init; }
}

// GET /storage: the cluster-wide storage definitions.
public sealed record StorageDefinition
{
    [JsonPropertyName("storage")] public string Storage { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("shared")] public bool? Shared { get; init; }
    [JsonPropertyName("nodes")] public string? Nodes { get; init; }
    [JsonPropertyName("disable")] public bool? Disabled { get; init; }
    [JsonPropertyName("path")] public string? Path { get; init; }
}

// GET /nodes/{node}/storage/{storage}/content
public sealed record StorageVolume
{
    [JsonPropertyName("volid")] public string VolId { get; init; } = "";
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("format")] public string? Format { get; init; }
    [JsonPropertyName("size")] public long? Size { get; init; }
    [JsonPropertyName("used")] public long? Used { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }
    [JsonPropertyName("ctime")] public long? CreationTime { get; init; }
    [JsonPropertyName("notes")] public string? Notes { get; init; }
    [JsonPropertyName("protected")] public bool? Protected { get; init; }
    [JsonPropertyName("parent")] public string? Parent { get; init; }
    [JsonPropertyName("subtype")] public string? Subtype { get; init; }
}
