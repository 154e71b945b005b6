using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /pools (with ?poolid= each entry carries its members)
public sealed record Pool
{
    [JsonPropertyName("poolid")] public string PoolId { get; init; } = "";
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("members")] public IReadOnlyList<PoolMember>? Members { get; init; }
}

public sealed record PoolMember
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("storage")] public string? Storage { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }
}
