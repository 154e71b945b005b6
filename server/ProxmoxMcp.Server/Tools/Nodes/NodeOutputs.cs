using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Nodes;

public sealed record NodeItem
{
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("maxcpu")] public long? MaxCpu { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("disk")] public long? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("ssl_fingerprint")] public string? SslFingerprint { get; init; }

    public string ToLine() => Status == "online"
        ? $"{Node}: online, cpu {Format.Percent(Cpu)} of {MaxCpu}, mem {Format.Used(Mem, MaxMem)}, root disk {Format.Used(Disk, MaxDisk)}, up {Format.Duration(Uptime)}"
        : $"{Node}: {Status?.ToUpperInvariant() ?? "UNKNOWN"}";
}

public sealed record NodeListOutput : IToolOutput
{
    [JsonPropertyName("nodes")] public required IReadOnlyList<NodeItem> Nodes { get; init; }

    public string ToText() => $"{Nodes.Count} nodes ({Nodes.Count(n => n.Status == "online")} online).\n" + string.Join('\n', Nodes.Select(n => n.ToLine()));
}

public sealed record NodeStatusOutput : IToolOutput
{
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("pve_version")] public string? PveVersion { get; init; }
    [JsonPropertyName("kernel")] public string? Kernel { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("iowait")] public double? IoWait { get; init; }
    [JsonPropertyName("cpu_model")] public string? CpuModel { get; init; }
    [JsonPropertyName("cpus")] public long? Cpus { get; init; }
    [JsonPropertyName("sockets")] public long? Sockets { get; init; }
    [JsonPropertyName("load_average")] public IReadOnlyList<string>? LoadAverage { get; init; }
    [JsonPropertyName("memory_total")] public long? MemoryTotal { get; init; }
    [JsonPropertyName("memory_used")] public long? MemoryUsed { get; init; }
    [JsonPropertyName("memory_available")] public long? MemoryAvailable { get; init; }
    [JsonPropertyName("swap_total")] public long? SwapTotal { get; init; }
    [JsonPropertyName("swap_used")] public long? SwapUsed { get; init; }
    [JsonPropertyName("rootfs_total")] public long? RootFsTotal { get; init; }
    [JsonPropertyName("rootfs_used")] public long? RootFsUsed { get; init; }
    [JsonPropertyName("boot_mode")] public string? BootMode { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"Node {Node}: {PveVersion}, kernel {Kernel}, up {Format.Duration(Uptime)}.");
        sb.Append($"\nCPU: {Format.Percent(Cpu)} of {Cpus} threads ({Sockets} socket(s), {CpuModel}), iowait {Format.Percent(IoWait)}, load {string.Join(' ', LoadAverage ?? [])}.");
        sb.Append($"\nMemory: {Format.Used(MemoryUsed, MemoryTotal)}" + (MemoryAvailable is null ? "" : $", {Format.Bytes(MemoryAvailable)} available") + $"; swap {Format.Used(SwapUsed, SwapTotal)}.");
        sb.Append($"\nRoot filesystem: {Format.Used(RootFsUsed, RootFsTotal)}.");
        return sb.ToString();
    }
}

/// <summary>One metric over a timeframe: summarised, not dumped.</summary>
public sealed record MetricSummary(
    [property: JsonPropertyName("metric")] string Metric,
    [property: JsonPropertyName("unit")] string Unit,
    [property: JsonPropertyName("average")] double? Average = null,
    [property: JsonPropertyName("max")] double? Max = null,
    [property: JsonPropertyName("latest")] double? Latest = null);

public sealed record MetricsOutput : IToolOutput
{
    /// <summary>"node pve1" or "VM 100 on pve1".</summary>
    [JsonPropertyName("subject")] public required string Subject { get; init; }
    [JsonPropertyName("timeframe")] public required string Timeframe { get; init; }
    [JsonPropertyName("samples")] public int Samples { get; init; }
    [JsonPropertyName("from")] public string? From { get; init; }
    [JsonPropertyName("to")] public string? To { get; init; }
    [JsonPropertyName("metrics")] public required IReadOnlyList<MetricSummary> Metrics { get; init; }

    public string ToText()
    {
        if (Samples == 0)
        {
            return $"{Subject}, last {Timeframe}: no samples (Proxmox has recorded nothing for this timeframe yet).";
        }

        var sb = new StringBuilder($"{Subject}, last {Timeframe} ({Samples} samples, {From} to {To}): average / max / latest");
        foreach (var m in Metrics)
        {
            sb.Append($"\n{m.Metric}: {Show(m.Average, m.Unit)} / {Show(m.Max, m.Unit)} / {Show(m.Latest, m.Unit)}");
        }

        if (!Metrics.Any(m => m.Metric == "cpu"))
        {
            sb.Append("\nNo cpu, memory-use or I/O values in these samples: the guest was not running in this timeframe.");
        }

        return sb.ToString();
    }

    private static string Show(double? value, string unit) => value is not { } v ? "-" : unit switch
    {
        "%" => v is > 0 and < 0.0001 ? "<0.0001%" : Format.Number(v, "0.####") + "%",
        "bytes" => Format.Bytes((long)v),
        "bytes/s" => Format.Bytes((long)v) + "/s",
        _ => Format.Number(v),
    };
}
