using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>A disk, CD drive or container mount point from the guest's config.</summary>
public sealed record GuestDisk(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("volume")] string? Volume = null,
    [property: JsonPropertyName("size")] string? Size = null,
    [property: JsonPropertyName("media")] string? Media = null,
    [property: JsonPropertyName("mountpoint")] string? MountPoint = null)
{
    public string ToText() => Media == "cdrom"
        ? $"{Key} cdrom {Volume ?? "none"}"
        : $"{Key} {Volume}{(Size is null ? "" : " " + Size)}{(MountPoint is null ? "" : " at " + MountPoint)}";
}

/// <summary>A network interface from the guest's config.</summary>
public sealed record GuestNic(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("model")] string? Model = null,
    [property: JsonPropertyName("mac")] string? Mac = null,
    [property: JsonPropertyName("bridge")] string? Bridge = null,
    [property: JsonPropertyName("vlan")] string? Vlan = null,
    [property: JsonPropertyName("ip")] string? Ip = null,
    [property: JsonPropertyName("firewall")] bool Firewall = false)
{
    public string ToText() =>
        $"{Key} {Model} {Mac} bridge={Bridge}" + (Vlan is null ? "" : $" vlan={Vlan}") + (Ip is null ? "" : $" ip={Ip}") + (Firewall ? " firewall" : "");
}

/// <summary>get_vm / get_container: live status and the key configuration, compactly.</summary>
public sealed record GuestDetailOutput : IToolOutput
{
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("qmp_status")] public string? QmpStatus { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("cores")] public int? Cores { get; init; }
    [JsonPropertyName("sockets")] public int? Sockets { get; init; }
    [JsonPropertyName("cpu_type")] public string? CpuType { get; init; }
    [JsonPropertyName("memory_mib")] public long? MemoryMiB { get; init; }
    [JsonPropertyName("balloon_mib")] public long? BalloonMiB { get; init; }
    [JsonPropertyName("swap_mib")] public long? SwapMiB { get; init; }
    [JsonPropertyName("ostype")] public string? OsType { get; init; }
    [JsonPropertyName("disks")] public required IReadOnlyList<GuestDisk> Disks { get; init; }
    [JsonPropertyName("nics")] public required IReadOnlyList<GuestNic> Nics { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("protection")] public bool Protection { get; init; }
    [JsonPropertyName("template")] public bool Template { get; init; }
    [JsonPropertyName("onboot")] public bool OnBoot { get; init; }
    [JsonPropertyName("lock")] public string? Lock { get; init; }
    [JsonPropertyName("ha_state")] public string? HaState { get; init; }
    [JsonPropertyName("unprivileged")] public bool? Unprivileged { get; init; }
    [JsonPropertyName("features")] public string? Features { get; init; }
    [JsonPropertyName("agent")] public bool? Agent { get; init; }
    [JsonPropertyName("description")] public string? Description { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var noun = Type == "qemu" ? "VM" : "Container";
        var sb = new StringBuilder($"{noun} {VmId}{(Name is null ? "" : $" '{Name}'")} on {Node}: ");
        sb.Append(Template ? "TEMPLATE (cannot run; clone it)" : Status ?? "?");
        if (QmpStatus is { } qmp && qmp != Status)
        {
            sb.Append($" ({qmp})");
        }

        if (Status == "running")
        {
            sb.Append($", up {Format.Duration(Uptime)}, cpu {Format.Percent(Cpu)}, mem {Format.Used(Mem, MaxMem)}");
        }

        var cores = Cores ?? 1;
        sb.Append("\nCPU: ").Append(Sockets is > 1 ? $"{Sockets} sockets x {cores} cores" : cores == 1 ? "1 core" : $"{cores} cores")
            .Append(CpuType is null ? "" : $" ({CpuType})")
            .Append($"; memory {MemoryMiB?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} MiB")
            .Append(BalloonMiB is null ? "" : $" (balloon min {BalloonMiB} MiB)")
            .Append(SwapMiB is null ? "" : $", swap {SwapMiB} MiB")
            .Append(OsType is null ? "" : $"; ostype {OsType}");
        sb.Append("\nDisks: ").Append(Disks.Count == 0 ? "none" : string.Join("; ", Disks.Select(d => d.ToText())));
        sb.Append("\nNICs: ").Append(Nics.Count == 0 ? "none" : string.Join("; ", Nics.Select(n => n.ToText())));
        var flags = new List<string>();
        if (Tags is { Count: > 0 })
        {
            flags.Add("tags " + string.Join(';', Tags));
        }

        flags.Add(Protection ? "PROTECTED (cannot be deleted)" : "not protected");
        flags.Add(OnBoot ? "starts at boot" : "no start at boot");
        if (Unprivileged is { } unprivileged)
        {
            flags.Add(unprivileged ? "unprivileged" : "PRIVILEGED");
        }

        if (Features is not null)
        {
            flags.Add("features " + Features);
        }

        if (Agent == true)
        {
            flags.Add("guest agent on");
        }

        flags.Add("HA " + (HaState ?? "not managed"));
        if (Lock is not null)
        {
            flags.Add($"LOCKED ({Lock})");
        }

        sb.Append('\n').Append(string.Join(", ", flags));
        if (!string.IsNullOrWhiteSpace(Description))
        {
            var oneLine = Description.ReplaceLineEndings(" ").Trim();
            sb.Append("\nDescription: ").Append(oneLine.Length > 200 ? oneLine[..200] + "..." : oneLine);
        }

        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        return sb.ToString();
    }
}
