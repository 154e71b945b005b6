using System.Text.Json.Serialization;

namespace ProxmoxMcp.Proxmox.Models;

/// <summary>The guest agent's answers come wrapped in <c>{"result": ...}</c>.</summary>
public sealed record AgentResult<T>
{
    [JsonPropertyName("result")] public T? Result { get; init; }
}

// GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces (result items); GET /nodes/{node}/lxc/{vmid}/interfaces (items)
public sealed record GuestInterface
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("hardware-address")] public string? HardwareAddress { get; init; }
    [JsonPropertyName("hwaddr")] public string? HwAddr { get; init; }
    [JsonPropertyName("ip-addresses")] public IReadOnlyList<GuestIpAddress>? IpAddresses { get; init; }

    /// <summary>Containers: IPv4/prefix of the interface.</summary>
    [JsonPropertyName("inet")] public string? Inet { get; init; }

    /// <summary>Containers: IPv6/prefix of the interface.</summary>
    [JsonPropertyName("inet6")] public string? Inet6 { get; init; }
}

public sealed record GuestIpAddress
{
    [JsonPropertyName("ip-address")] public string? Address { get; init; }

    /// <summary>ipv4 or ipv6.</summary>
    [JsonPropertyName("ip-address-type")] public string? Type { get; init; }
    [JsonPropertyName("prefix")] public int? Prefix { get; init; }
}

// GET /nodes/{node}/qemu/{vmid}/agent/get-osinfo (result)
public sealed record GuestOsInfo
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("pretty-name")] public string? PrettyName { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("version-id")] public string? VersionId { get; init; }
    [JsonPropertyName("kernel-release")] public string? KernelRelease { get; init; }
    [JsonPropertyName("kernel-version")] public string? KernelVersion { get; init; }
    [JsonPropertyName("machine")] public string? Machine { get; init; }
}

// GET /nodes/{node}/qemu/{vmid}/agent/get-host-name (result)
public sealed record GuestHostName
{
    [JsonPropertyName("host-name")] public string? HostName { get; init; }
}

// POST /nodes/{node}/qemu/{vmid}/agent/exec
public sealed record AgentExecStarted
{
    [JsonPropertyName("pid")] public long Pid { get; init; }
}

// GET /nodes/{node}/qemu/{vmid}/agent/exec-status
public sealed record AgentExecStatus
{
    [JsonPropertyName("exited")] public bool Exited { get; init; }
    [JsonPropertyName("exitcode")] public int? ExitCode { get; init; }
    [JsonPropertyName("signal")] public int? Signal { get; init; }
    [JsonPropertyName("out-data")] public string? OutData { get; init; }
    [JsonPropertyName("err-data")] public string? ErrData { get; init; }
    [JsonPropertyName("out-truncated")] public bool? OutTruncated { get; init; }
    [JsonPropertyName("err-truncated")] public bool? ErrTruncated { get; init; }
}

// GET /nodes/{node}/qemu/{vmid}/agent/file-read
public sealed record AgentFileContent
{
    [JsonPropertyName("content")] public string? Content { get; init; }
    [JsonPropertyName("truncated")] public bool? Truncated { get; init; }
}
