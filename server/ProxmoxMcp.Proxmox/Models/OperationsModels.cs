using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /cluster/backup
public sealed record BackupJob
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("enabled")] public bool? Enabled { get; init; }
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("storage")] public string? Storage { get; init; }
    [JsonPropertyName("all")] public bool? All { get; init; }
    [JsonPropertyName("vmid")] public string? VmIds { get; init; }
    [JsonPropertyName("pool")] public string? Pool { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("exclude")] public string? Exclude { get; init; }
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("next-run")] public long? NextRun { get; init; }
}

// GET /cluster/backup-info/not-backed-up
public sealed record NotBackedUpGuest
{
    [JsonPropertyName("vmid")] public long VmId { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
}

// GET /cluster/ha/status/current: quorum, master, one lrm per node, one service per HA resource
public sealed record HaStatusEntry
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("quorate")] public bool? Quorate { get; init; }
    [JsonPropertyName("sid")] public string? Sid { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("crm_state")] public string? CrmState { get; init; }
    [JsonPropertyName("request_state")] public string? RequestState { get; init; }
}

// GET /cluster/ha/resources
public sealed record HaResource
{
    [JsonPropertyName("sid")] public string Sid { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("group")] public string? Group { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
}

// GET /cluster/replication (job definitions) and GET /nodes/{node}/replication (their state on the source node)
public sealed record ReplicationJob
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("guest")] public long? Guest { get; init; }
    [JsonPropertyName("target")] public string? Target { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("schedule")] public string? Schedule { get; init; }
    [JsonPropertyName("disable")] public bool? Disable { get; init; }
    [JsonPropertyName("last_sync")] public long? LastSync { get; init; }
    [JsonPropertyName("last_try")] public long? LastTry { get; init; }
    [JsonPropertyName("next_sync")] public long? NextSync { get; init; }
    [JsonPropertyName("duration")] public double? Duration { get; init; }
    [JsonPropertyName("fail_count")] public int? FailCount { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
}

// GET /cluster/ceph/status (only the overall health is read)
public sealed record CephStatus
{
    [JsonPropertyName("health")] public CephHealth? Health { get; init; }
}

public sealed record CephHealth
{
    [JsonPropertyName("status")] public string? Status { get; init; }
}
