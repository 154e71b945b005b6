using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ProxmoxMcp.Simulator.Model;

internal enum GuestType
{
    Qemu,
    Lxc,
}

internal enum GuestStatus
{
    Stopped,
    Running,
    Paused,
}

/// <summary>A cluster node.</summary>
internal sealed class SimNode
{
    public required string Name { get; init; }
    public required int NodeId { get; init; }
    public required string Ip { get; init; }
    public bool Online { get; set; } = true;
    public required string CpuModel { get; init; }
    public int Sockets { get; init; } = 1;
    public int Cores { get; init; } = 8;
    public int Threads { get; init; } = 16;
    public double Mhz { get; init; } = 3000;
    public long MemTotal { get; init; }
    public long RootfsTotal { get; init; } = 100L * 1024 * 1024 * 1024;
    public long SwapTotal { get; init; } = 8L * 1024 * 1024 * 1024;
    public required DateTimeOffset BootTime { get; set; }
    public string KernelRelease { get; init; } = "6.14.8-2-pve";
    public string KernelVersion { get; init; } = "#1 SMP PREEMPT_DYNAMIC PMX 6.14.8-2 (2025-07-22T10:04Z)";
    public string Level { get; init; } = "";
    public required string SslFingerprint { get; set; }
    public int NextPid { get; set; }
    public double CpuBase { get; init; }
    public double MemBase { get; init; }
}

/// <summary>A snapshot of a guest.</summary>
internal sealed class SimSnapshot
{
    public required string Name { get; init; }
    public string? Parent { get; set; }
    public long Snaptime { get; init; }
    public string Description { get; set; } = "";
    public bool Vmstate { get; init; }
    public bool WasRunning { get; init; }
    public required SortedDictionary<string, string> Config { get; init; }
}

/// <summary>A VM or container: its config (as in the .conf file), run state and snapshot tree.</summary>
internal sealed class SimGuest
{
    public required int Vmid { get; init; }
    public required GuestType Type { get; init; }
    public required string Node { get; set; }
    public GuestStatus Status { get; set; }
    public SortedDictionary<string, string> Config { get; set; } = new(StringComparer.Ordinal);
    public Dictionary<string, SimSnapshot> Snapshots { get; } = new(StringComparer.Ordinal);

    /// <summary>Name of the newest snapshot (parent of "current"), or null.</summary>
    public string? Parent { get; set; }

    public DateTimeOffset? StartedAt { get; set; }
    public int Pid { get; set; }
    public double CpuLoad { get; init; }
    public double MemFraction { get; init; }
    public long TrafficSeed { get; init; }
    public string? HaState { get; set; }
    public string? Pool { get; set; }

    /// <summary>The guest OS has qemu-guest-agent installed (it answers when the VM runs with agent=1 in its config).</summary>
    public bool AgentInstalled { get; set; }

    /// <summary>A running worker task that holds the guest's config flock (start/stop/...), if any.</summary>
    public string? FlockTask { get; set; }

    public bool IsQemu => Type == GuestType.Qemu;

    public string TypeName => IsQemu ? "qemu" : "lxc";

    public string Name => Config.TryGetValue(IsQemu ? "name" : "hostname", out var n) ? n : (IsQemu ? $"VM {Vmid}" : $"CT{Vmid}");

    public string? Lock
    {
        get => Config.TryGetValue("lock", out var l) ? l : null;
        set
        {
            if (value is null)
            {
                Config.Remove("lock");
            }
            else
            {
                Config["lock"] = value;
            }
        }
    }

    public bool IsTemplate => Config.TryGetValue("template", out var t) && t == "1";

    public bool IsProtected => Config.TryGetValue("protection", out var p) && p == "1";

    public string? Tags => Config.TryGetValue("tags", out var t) ? t : null;

    public string ConfPath(string node) => IsQemu ? $"nodes/{node}/qemu-server/{Vmid}.conf" : $"nodes/{node}/lxc/{Vmid}.conf";

    public string Kind => IsQemu ? "VM" : "CT";

    /// <summary>SHA1 digest of the config as PVE computes it over the config file.</summary>
    public string Digest() => DigestOf(Config);

    public static string DigestOf(IEnumerable<KeyValuePair<string, string>> config)
    {
        var sb = new StringBuilder();
        foreach (var kv in config)
        {
            sb.Append(kv.Key).Append(": ").Append(kv.Value).Append('\n');
        }

#pragma warning disable CA5350 // PVE's config digest is SHA1; not used for security here
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
#pragma warning restore CA5350
    }

    private (string? Cores, string? Sockets, string? Vcpus, int Value) _maxCpu;
    private (string? Memory, long Value) _maxMem;
    private (string? Disk, long Value) _maxDisk;

    public int MaxCpu
    {
        get
        {
            Config.TryGetValue("cores", out var cores);
            Config.TryGetValue("sockets", out var sockets);
            Config.TryGetValue("vcpus", out var vcpus);
            var c = _maxCpu;
            if (c.Value != 0 && ReferenceEquals(c.Cores, cores) && ReferenceEquals(c.Sockets, sockets) && ReferenceEquals(c.Vcpus, vcpus))
            {
                return c.Value;
            }

            int value;
            if (IsQemu)
            {
                var cr = ParseInt(cores, 1);
                var so = ParseInt(sockets, 1);
                value = vcpus is not null && int.TryParse(vcpus, CultureInfo.InvariantCulture, out var vc) ? vc : cr * so;
            }
            else
            {
                value = ParseInt(cores, 0) is var cc && cc > 0 ? cc : 2;
            }

            _maxCpu = (cores, sockets, vcpus, value);
            return value;
        }
    }

    public long MaxMem
    {
        get
        {
            Config.TryGetValue("memory", out var memory);
            var c = _maxMem;
            if (c.Value != 0 && ReferenceEquals(c.Memory, memory))
            {
                return c.Value;
            }

            var mem = memory ?? (IsQemu ? "2048" : "512");
            var comma = mem.IndexOf(',', StringComparison.Ordinal);
            if (comma >= 0)
            {
                mem = mem[..comma];
            }

            mem = mem.StartsWith("current=", StringComparison.Ordinal) ? mem[8..] : mem;
            var value = (long.TryParse(mem, CultureInfo.InvariantCulture, out var mib) ? mib : 512) * 1024 * 1024;
            _maxMem = (memory, value);
            return value;
        }
    }

    /// <summary>Size of the boot disk (qemu: scsi0/virtio0/sata0/ide0; lxc: rootfs), cached per config value.</summary>
    public long MaxDisk
    {
        get
        {
            string? disk = null;
            if (IsQemu)
            {
                foreach (var k in QemuBootDisks)
                {
                    if (Config.TryGetValue(k, out disk))
                    {
                        break;
                    }
                }
            }
            else
            {
                Config.TryGetValue("rootfs", out disk);
            }

            var c = _maxDisk;
            if (ReferenceEquals(c.Disk, disk) && disk is not null)
            {
                return c.Value;
            }

            long value = 0;
            if (disk is not null)
            {
                var (_, opts) = ClusterState.ParseDrive(disk);
                if (opts.TryGetValue("size", out var size) && ClusterState.ParseSize(size) is long bytes)
                {
                    value = bytes;
                }
            }

            _maxDisk = (disk, value);
            return value;
        }
    }

    private static readonly string[] QemuBootDisks = ["scsi0", "virtio0", "sata0", "ide0"];

    private static int ParseInt(string? s, int fallback) =>
        s is not null && int.TryParse(s, CultureInfo.InvariantCulture, out var i) ? i : fallback;

    public long MaxSwap => (long)ConfInt("swap", 512) * 1024 * 1024;

    public int ConfInt(string key, int fallback) =>
        Config.TryGetValue(key, out var v) && int.TryParse(v, CultureInfo.InvariantCulture, out var i) ? i : fallback;
}

/// <summary>A storage definition (storage.cfg entry).</summary>
internal sealed class SimStorage
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required SortedSet<string> Content { get; init; }
    public bool Shared { get; init; }
    public string? Path { get; init; }
    public string? VgName { get; init; }
    public string? ThinPool { get; init; }
    public string? Server { get; init; }
    public string? Export { get; init; }
    public long Total { get; init; }
    public bool Disabled { get; set; }
    public IReadOnlyList<string>? Nodes { get; init; }
    public string? PruneBackups { get; init; }

    /// <summary>No free space left: new volumes and growing ones fail (SimulatedCluster.SetStorageFull).</summary>
    public bool Full { get; set; }

    public bool IsFileBased => Type is "dir" or "nfs" or "cifs" or "cephfs";

    public string ContentString => string.Join(',', Content);

    public bool AvailableOn(string node) => Nodes is null || Nodes.Contains(node);
}

/// <summary>A volume on a storage (disk image, ISO, template or backup).</summary>
internal sealed class SimVolume
{
    public required string Storage { get; init; }

    /// <summary>Node of a local storage's volume; null for shared storages.</summary>
    public string? Node { get; set; }
    public required string Volid { get; set; }
    public required string Content { get; init; }
    public required string Format { get; init; }
    public long Size { get; set; }
    public long? Used { get; set; }
    public long Ctime { get; init; }
    public int? Vmid { get; set; }
    public string? Notes { get; set; }
    public bool Protected { get; set; }
    public string? Parent { get; set; }

    /// <summary>Guest config of a backup (what restore recreates) and its guest type.</summary>
    public SortedDictionary<string, string>? BackupConfig { get; init; }
    public GuestType? BackupType { get; init; }

    public string VolName => Volid[(Volid.IndexOf(':', StringComparison.Ordinal) + 1)..];
}

/// <summary>A resource pool.</summary>
internal sealed class SimPool
{
    public required string Id { get; init; }
    public string? Comment { get; set; }
    public SortedSet<int> Vms { get; } = [];
    public SortedSet<string> Storage { get; } = new(StringComparer.Ordinal);
}

/// <summary>Deterministic pseudo-random numbers (SplitMix64) so the same seed gives the same estate and metrics.</summary>
internal static class Det
{
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Hash(int seed, long a, long b = 0, long c = 0) =>
        Mix(Mix(Mix((ulong)seed ^ 0x5DEECE66DUL) ^ (ulong)a) ^ (ulong)b) ^ (ulong)c;

    /// <summary>A double in [0, 1).</summary>
    public static double Unit(int seed, long a, long b = 0, long c = 0) =>
        (Hash(seed, a, b, c) >> 11) * (1.0 / (1UL << 53));

    public static string Mac(int seed, long a, int index)
    {
        var h = Hash(seed, a, 77, index);
        return string.Create(CultureInfo.InvariantCulture, $"BC:24:11:{(byte)h:X2}:{(byte)(h >> 8):X2}:{(byte)(h >> 16):X2}");
    }

    public static string Uuid(int seed, long a, long b)
    {
        var h1 = Hash(seed, a, b, 1);
        var h2 = Hash(seed, a, b, 2);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, h1);
        BitConverter.TryWriteBytes(bytes[8..], h2);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }
}
