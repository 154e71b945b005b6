using System.Globalization;
using System.Text.RegularExpressions;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>Reads a guest's status and configuration into the compact view get_vm and get_container return.</summary>
public static partial class GuestDetailBuilder
{
    public static GuestDetailOutput Build(GuestRef guest, GuestStatus status, GuestConfig config)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(config);
        var qemu = guest.Type == GuestType.Qemu;
        return new GuestDetailOutput
        {
            VmId = guest.VmId.Value,
            Type = guest.Type.ApiName(),
            Name = (qemu ? config["name"] : config["hostname"]) ?? status.Name ?? guest.Name,
            Node = guest.Node.Value,
            Status = status.Status,
            QmpStatus = qemu ? status.QmpStatus : null,
            Uptime = status.Uptime,
            Cpu = status.Cpu is { } cpu ? Math.Round(cpu, 4) : null,
            Mem = status.Mem,
            MaxMem = status.MaxMem,
            Cores = Int(config["cores"]),
            Sockets = qemu ? Int(config["sockets"]) : null,
            CpuType = qemu ? PropertyString.Parse(config["cpu"]).Leading ?? PropertyString.Parse(config["cpu"])["cputype"] : null,
            MemoryMiB = Long(PropertyString.Parse(config["memory"]).Leading ?? PropertyString.Parse(config["memory"])["current"]),
            BalloonMiB = qemu ? Long(config["balloon"]) : null,
            SwapMiB = qemu ? null : Long(config["swap"]),
            OsType = config["ostype"],
            Disks = Disks(guest.Type, config),
            Nics = Nics(guest.Type, config),
            Tags = config["tags"] is { Length: > 0 } tags ? Infrastructure.Tags.Split(tags) : null,
            Protection = config.IsProtected,
            Template = config.IsTemplate || guest.Template,
            OnBoot = config["onboot"] == "1",
            Lock = config["lock"] ?? status.Lock,
            HaState = status.Ha?.Managed == true ? status.Ha.State ?? "managed" : null,
            Unprivileged = qemu ? null : config["unprivileged"] == "1",
            Features = qemu ? null : config["features"],
            Agent = qemu ? PropertyString.Parse(config["agent"]) is var agent && (agent.Leading ?? agent["enabled"]) == "1" : null,
            Description = config["description"],
            Notes = guest.Note is null ? null : [guest.Note],
        };
    }

    /// <summary>Disks (VM: ide/sata/scsi/virtio, EFI, TPM; container: rootfs and mount points) in config order.</summary>
    public static List<GuestDisk> Disks(GuestType type, GuestConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var pattern = type == GuestType.Qemu ? VmDiskKey() : ContainerDiskKey();
        return config.Values.Keys.Where(k => pattern.IsMatch(k)).OrderBy(DiskOrder).ThenBy(k => k, StringComparer.Ordinal)
            .Select(k =>
            {
                var p = PropertyString.Parse(config[k]);
                return new GuestDisk(k, p.Volume, p["size"], p["media"], p["mp"]);
            })
            .ToList();
    }

    public static bool IsDiskKey(GuestType type, string key) => (type == GuestType.Qemu ? VmDiskKey() : ContainerDiskKey()).IsMatch(key);

    private static List<GuestNic> Nics(GuestType type, GuestConfig config) =>
        config.Values.Keys.Where(k => NicKey().IsMatch(k)).OrderBy(k => int.Parse(k[3..], CultureInfo.InvariantCulture))
            .Select(k =>
            {
                var p = PropertyString.Parse(config[k]);
                return type == GuestType.Qemu
                    ? new GuestNic(k, p.First?.Key ?? p["model"], p["macaddr"] ?? p.First?.Value, p["bridge"], p["tag"], null, p["firewall"] == "1")
                    : new GuestNic(k, p["name"], p["hwaddr"], p["bridge"], p["tag"], p["ip"], p["firewall"] == "1");
            })
            .ToList();

    private static int DiskOrder(string key) => key switch
    {
        "rootfs" => 0,
        _ when key.StartsWith("mp", StringComparison.Ordinal) => 1,
        _ when key.StartsWith("scsi", StringComparison.Ordinal) || key.StartsWith("virtio", StringComparison.Ordinal) => 0,
        _ when key.StartsWith("sata", StringComparison.Ordinal) => 1,
        _ when key.StartsWith("ide", StringComparison.Ordinal) => 2,
        _ => 3,
    };

    private static int? Int(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? Long(string? text) => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    [GeneratedRegex(@"^((ide|sata|scsi|virtio)\d+|efidisk0|tpmstate0)$", RegexOptions.CultureInvariant)]
    private static partial Regex VmDiskKey();

    [GeneratedRegex(@"^(rootfs|mp\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerDiskKey();

    [GeneratedRegex(@"^net\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex NicKey();
}
