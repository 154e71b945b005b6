using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

// GET /nodes
public sealed record NodeSummary
{
    [JsonPropertyName("node")] public string Node { get; init; } = "";
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("maxcpu")] public long? MaxCpu { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("disk")] public long? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("level")] public string? Level { get; init; }
    [JsonPropertyName("ssl_fingerprint")] public string? SslFingerprint { get; init; }
}

// GET /nodes/{node}/status
public sealed record NodeStatus
{
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("wait")] public double? IoWait { get; init; }
    [JsonPropertyName("loadavg")] public IReadOnlyList<string>? LoadAverage { get; init; }
    [JsonPropertyName("pveversion")] public string? PveVersion { get; init; }
    [JsonPropertyName("kversion")] public string? KernelVersion { get; init; }
    [JsonPropertyName("memory")] public NodeMemory? Memory { get; init; }
    [JsonPropertyName("swap")] public NodeMemory? Swap { get; init; }
    [JsonPropertyName("rootfs")] public NodeFileSystem? RootFs { get; init; }
    [JsonPropertyName("cpuinfo")] public NodeCpuInfo? CpuInfo { get; init; }
    [JsonPropertyName("current-kernel")] public NodeKernel? CurrentKernel { get; init; }
    [JsonPropertyName("boot-info")] public NodeBootInfo? BootInfo { get; init; }
}

public sealed record NodeMemory
{
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("used")] public long? Used { get; init; }
    [JsonPropertyName("free")] public long? Free { get; init; }
    [JsonPropertyName("available")] public long? Available { get; init; }
}

public sealed record NodeFileSystem
{
    [JsonPropertyName("total")] public long? Total { get; init; }
    [JsonPropertyName("used")] public long? Used { get; init; }
    [JsonPropertyName("free")] public long? Free { get; init; }
    [JsonPropertyName("avail")] public long? Available { get; init; }
}

public sealed record NodeCpuInfo
{
    [JsonPropertyName("model")] public string? Model { get; init; }
    [JsonPropertyName("cpus")] public long? Cpus { get; init; }
    [JsonPropertyName("sockets")] public long? Sockets { get; init; }
    [JsonPropertyName("cores")] public long? Cores { get; init; }
    [JsonPropertyName("mhz")] public string? Mhz { get; init; }
}

public sealed record NodeKernel
{
    [JsonPropertyName("sysname")] public string? SysName { get; init; }
    [JsonPropertyName("release")] public string? Release { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("machine")] public string? Machine { get; init; }
}

public sealed record NodeBootInfo
{
    [JsonPropertyName("mode")] public string? Mode { get; init; }
    [JsonPropertyName("secureboot")] public bool? SecureBoot { get; init; }
}

/// <summary>One sample of GET /nodes/{node}/rrddata or /nodes/{node}/{qemu|lxc}/{vmid}/rrddata (fields vary by kind and version).</summary>
public sealed record RrdSample
{
    [JsonPropertyName("time")] public long Time { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("maxcpu")] public double? MaxCpu { get; init; }
    [JsonPropertyName("iowait")] public double? IoWait { get; init; }
    [JsonPropertyName("loadavg")] public double? LoadAverage { get; init; }
    [JsonPropertyName("memused")] public double? NodeMemUsed { get; init; }
    [JsonPropertyName("memtotal")] public double? NodeMemTotal { get; init; }
    [JsonPropertyName("mem")] public double? Mem { get; init; }
    [JsonPropertyName("maxmem")] public double? MaxMem { get; init; }
    [JsonPropertyName("rootused")] public double? RootUsed { get; init; }
    [JsonPropertyName("roottotal")] public double? RootTotal { get; init; }
    [JsonPropertyName("disk")] public double? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public double? MaxDisk { get; init; }
    [JsonPropertyName("netin")] public double? NetIn { get; init; }
    [JsonPropertyName("netout")] public double? NetOut { get; init; }
    [JsonPropertyName("diskread")] public double? DiskRead { get; init; }
    [JsonPropertyName("diskwrite")] public double? DiskWrite { get; init; }
}
