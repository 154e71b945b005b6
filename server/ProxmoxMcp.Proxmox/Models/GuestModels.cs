using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /nodes/{node}/qemu and /nodes/{node}/lxc
public sealed record GuestSummary
{
    [JsonPropertyName("vmid")] public long VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("qmpstatus")] public string? QmpStatus { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("cpus")] public double? Cpus { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("disk")] public long? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("lock")] public string? Lock { get; init; }
    [JsonPropertyName("netin")] public long? NetIn { get; init; }
    [JsonPropertyName("netout")] public long? NetOut { get; init; }
}

// GET /nodes/{node}/{qemu|lxc}/{vmid}/status/current
public sealed record GuestStatus
{
    [JsonPropertyName("vmid")] public long VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("qmpstatus")] public string? QmpStatus { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("cpus")] public double? Cpus { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("disk")] public long? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("lock")] public string? Lock { get; init; }
    [JsonPropertyName("agent")] public bool? Agent { get; init; }
    [JsonPropertyName("ha")] public GuestHaStatus? Ha { get; init; }
    [JsonPropertyName("netin")] public long? NetIn { get; init; }
    [JsonPropertyName("netout")] public long? NetOut { get; init; }
    [JsonPropertyName("diskread")] public long? DiskRead { get; init; }
    [JsonPropertyName("diskwrite")] public long? DiskWrite { get; init; }
    [JsonPropertyName("running-qemu")] public string? RunningQemu { get; init; }
    [JsonPropertyName("running-machine")] public string? RunningMachine { get; init; }
}

public sealed record GuestHaStatus
{
    [JsonPropertyName("managed")] public bool? Managed { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
}

/// <summary>GET /nodes/{node}/{qemu|lxc}/{vmid}/config: an open map of configuration keys (sorted) to their text values.</summary>
[JsonConverter(typeof(Json.GuestConfigConverter))]
public sealed record GuestConfig(IReadOnlyDictionary<string, string> Values)
{
    public string? this[string key] => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>PVE's digest of the configuration; send it back to refuse a change if someone else changed it meanwhile.</summary>
    public string? Digest => this["digest"];

    public bool IsTemplate => this["template"] == "1";

    public bool IsProtected => this["protection"] == "1";
}

// GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot: snapshots plus the pseudo-entry "current" whose parent is the newest snapshot.
public sealed record Snapshot
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("parent")] public string? Parent { get; init; }
    [JsonPropertyName("snaptime")] public long? SnapTime { get; init; }
    [JsonPropertyName("vmstate")] public bool? VmState { get; init; }
    [JsonPropertyName("running")] public bool? Running { get; init; }
}
