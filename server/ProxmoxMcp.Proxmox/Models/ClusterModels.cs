using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /version
public sealed record PveVersion
{
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("release")] public string? Release { get; init; }
    [JsonPropertyName("repoid")] public string? RepoId { get; init; }
}

// GET /cluster/status: one "cluster" entry (absent on a standalone node) and one "node" entry per member.
public sealed record ClusterStatusEntry
{
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("nodeid")] public long? NodeId { get; init; }
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("online")] public bool? Online { get; init; }
    [JsonPropertyName("local")] public bool? Local { get; init; }
    [JsonPropertyName("level")] public string? Level { get; init; }
    [JsonPropertyName("quorate")] public bool? Quorate { get; init; }
    [JsonPropertyName("nodes")] public long? Nodes { get; init; }
    [JsonPropertyName("version")] public long? Version { get; init; }
}

// GET /cluster/resources: guests (qemu, lxc), nodes, storages, pools and SDN zones in one list.
public sealed record ClusterResource
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("type")] public string Type { get; init; } = "";
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("maxcpu")] public double? MaxCpu { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("disk")] public long? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("pool")] public string? Pool { get; init; }
    [JsonPropertyName("lock")] public string? Lock { get; init; }
    [JsonPropertyName("hastate")] public string? HaState { get; init; }
    [JsonPropertyName("storage")] public string? Storage { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("shared")] public bool? Shared { get; init; }
    [JsonPropertyName("plugintype")] public string? PluginType { get; init; }
    [JsonPropertyName("netin")] public long? NetIn { get; init; }
    [JsonPropertyName("netout")] public long? NetOut { get; init; }
    [JsonPropertyName("diskread")] public long? DiskRead { get; init; }
    [JsonPropertyName("diskwrite")] public long? DiskWrite { get; init; }
}
