using System.Globalization;

namespace ProxmoxMcp.Simulator.Model;

/// <summary>Generates the deterministic estate (demo or large) from the seed.</summary>
internal static class EstateBuilder
{
    private const long GiB = 1024L * 1024 * 1024;
    private const long MiB = 1024L * 1024;

    public static void Build(ClusterState s)
    {
        var opts = s.Options;
        var now = s.Now;
        var nodeCount = opts.Estate.Nodes;
        for (var i = 1; i <= nodeCount; i++)
        {
            var big = opts.Estate.IsDemo ? i < 3 : !opts.Estate.IsLab;
            s.AddNode(new SimNode
            {
                Name = opts.Estate.IsLab ? $"lab{i}" : $"pve{i}",
                NodeId = i,
                Ip = opts.Estate.IsLab ? $"10.0.1.{10 + i}" : $"10.0.0.{10 + i}",
                CpuModel = big ? "AMD EPYC 7313P 16-Core Processor" : "Intel(R) Xeon(R) E-2388G CPU @ 3.20GHz",
                Sockets = 1,
                Cores = big ? 16 : 8,
                Threads = big ? 32 : 16,
                Mhz = big ? 2999.998 : 3200.000,
                MemTotal = big ? 128 * GiB : 64 * GiB,
                RootfsTotal = 98 * GiB + 2 * GiB * (i % 3),
                BootTime = now - TimeSpan.FromSeconds(1_200_000 + (long)(Det.Unit(s.Seed, i, 1) * 2_000_000)),
                SslFingerprint = opts.SslFingerprint ?? FakeFingerprint(s.Seed, i),
                NextPid = 100_000 + (int)(Det.Hash(s.Seed, i, 2) % 800_000),
                CpuBase = 0.04 + Det.Unit(s.Seed, i, 3) * 0.12,
                MemBase = 0.30 + Det.Unit(s.Seed, i, 4) * 0.25,
            });
        }

        AddStorages(s);
        if (opts.Estate.IsDemo)
        {
            BuildDemoGuests(s, now);
        }
        else if (opts.Estate.IsLab)
        {
            BuildLabGuests(s, now);
        }
        else
        {
            BuildLargeGuests(s, now, opts.Estate.Guests);
        }

        AddTemplatesAndIsos(s, now);
        AddHistory(s, now);
    }

    private static string FakeFingerprint(int seed, int node)
    {
        var bytes = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), Det.Hash(seed, node, 99, i));
        }

        return string.Join(':', bytes.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
    }

    private static void AddStorages(ClusterState s)
    {
        var lab = s.Options.Estate.IsLab;
        s.Storages.Add(new SimStorage
        {
            Id = "local", Type = "dir", Path = "/var/lib/vz", Total = lab ? 60 * GiB : 98 * GiB,
            Content = new SortedSet<string>(["backup", "iso", "vztmpl"], StringComparer.Ordinal),
            PruneBackups = "keep-all=1",
        });
        s.Storages.Add(new SimStorage
        {
            Id = "local-lvm", Type = "lvmthin", VgName = "pve", ThinPool = "data", Total = lab ? 400 * GiB : 1800 * GiB,
            Content = new SortedSet<string>(["images", "rootdir"], StringComparer.Ordinal),
        });
        if (lab)
        {
            return; // two small boxes without shared storage
        }

        s.Storages.Add(new SimStorage
        {
            Id = "nfs-backup", Type = "nfs", Shared = true, Path = "/mnt/pve/nfs-backup", Server = "10.0.0.50",
            Export = "/export/pve-backup", Total = 8 * 1024 * GiB,
            Content = new SortedSet<string>(["backup", "iso", "vztmpl"], StringComparer.Ordinal),
            PruneBackups = "keep-daily=7,keep-weekly=4",
        });
    }

    private sealed record GuestSpec(
        int Vmid, GuestType Type, string Node, string Name, GuestStatus Status, int Cores, int MemMiB, int DiskGiB,
        string? Tags = null, string? Pool = null, bool Protection = false, bool Template = false, string Os = "l26",
        string? Description = null, bool Onboot = false, bool Agent = true, string? HaState = null);

    private static void BuildDemoGuests(ClusterState s, DateTimeOffset now)
    {
        GuestSpec[] specs =
        [
            new(100, GuestType.Qemu, "pve1", "web01", GuestStatus.Running, 2, 4096, 32, "prod;web", "production", Onboot: true, Description: "Public web server (nginx + php-fpm)"),
            new(101, GuestType.Qemu, "pve1", "db01", GuestStatus.Running, 4, 16384, 128, "db;prod", "production", Protection: true, Onboot: true, Description: "PostgreSQL 16 primary", HaState: "started"),
            new(102, GuestType.Qemu, "pve2", "app01", GuestStatus.Running, 4, 8192, 64, "app;prod", "production", Onboot: true),
            new(103, GuestType.Qemu, "pve2", "win-jump", GuestStatus.Stopped, 2, 8192, 80, "windows", Os: "win11", Agent: false),
            new(104, GuestType.Qemu, "pve3", "ci-runner", GuestStatus.Paused, 4, 8192, 100, "ci;lab", "lab"),
            new(105, GuestType.Qemu, "pve3", "k8s-node1", GuestStatus.Running, 4, 12288, 64, "k8s;lab", "lab"),
            new(106, GuestType.Qemu, "pve1", "test-vm", GuestStatus.Stopped, 1, 2048, 16, null, "lab"),
            new(107, GuestType.Qemu, "pve2", "monitoring", GuestStatus.Running, 2, 4096, 50, "infra;monitoring", Onboot: true),
            new(9000, GuestType.Qemu, "pve1", "debian-12-template", GuestStatus.Stopped, 2, 2048, 16, "template", Template: true, Description: "Debian 12 cloud-init template"),
            new(200, GuestType.Lxc, "pve1", "dns01", GuestStatus.Running, 1, 512, 8, "dns;infra", "production", Onboot: true, Os: "debian"),
            new(201, GuestType.Lxc, "pve2", "proxy01", GuestStatus.Running, 2, 1024, 8, "infra;web", "production", Onboot: true, Os: "debian"),
            new(202, GuestType.Lxc, "pve3", "dev-sandbox", GuestStatus.Stopped, 2, 2048, 16, "dev;lab", "lab", Os: "ubuntu"),
            new(203, GuestType.Lxc, "pve3", "backup-agent", GuestStatus.Running, 1, 512, 4, "infra", Os: "alpine"),
            new(204, GuestType.Lxc, "pve1", "wiki", GuestStatus.Stopped, 1, 1024, 10, "docs", Os: "debian"),
            new(9100, GuestType.Lxc, "pve2", "debian-12-ct-template", GuestStatus.Stopped, 1, 512, 8, "template", Template: true, Os: "debian"),
        ];

        foreach (var spec in specs)
        {
            AddGuest(s, spec, now);
        }

        // qemu-guest-agent runs in VM 100 and in the cloud-init template (so its clones have it); VM 102 has agent=1 but
        // no agent installed ("QEMU guest agent is not running"); VM 103 has no agent configured.
        s.Guests[100].AgentInstalled = true;
        s.Guests[9000].AgentInstalled = true;

        s.Pools["production"] = new SimPool { Id = "production", Comment = "Production workloads" };
        s.Pools["lab"] = new SimPool { Id = "lab", Comment = "Lab and testing" };
        foreach (var g in s.Guests.Values.Where(g => g.Pool is not null))
        {
            s.Pools[g.Pool!].Vms.Add(g.Vmid);
        }

        s.Pools["production"].Storage.Add("nfs-backup");

        // VM 100: a chain of three snapshots; the newest is the parent of "current"
        var vm100 = s.Guests[100];
        AddSnapshot(s, vm100, "pre-upgrade", null, now.AddDays(-40), "Before the Debian 12.6 point release upgrade", false);
        AddSnapshot(s, vm100, "post-upgrade", "pre-upgrade", now.AddDays(-39), "After upgrade, services verified", false);
        AddSnapshot(s, vm100, "before-php84", "post-upgrade", now.AddDays(-3), "Before switching to PHP 8.4", true);
        vm100.Config["cores"] = "2";

        // CT 200: one snapshot
        AddSnapshot(s, s.Guests[200], "before-update", null, now.AddDays(-10), "Before apt full-upgrade", false);

        // VM 105 has a second disk
        var vm105 = s.Guests[105];
        var data = s.AllocateDisk(s.Storage("local-lvm")!, vm105.Node, 105, 200 * GiB, "images");
        vm105.Config["scsi1"] = $"{data.Volid},iothread=1,size=200G";

        // backup jobs: two enabled (guests 102-107, 202-204 and the templates are in none), one disabled
        s.BackupJobs.Add(new SimBackupJob
        {
            Id = "backup-3b1c7a9e-4d21", Schedule = "01:00", Storage = "nfs-backup", Vmids = "100,101,201",
            Comment = "Nightly to NFS", NotesTemplate = "{{guestname}} weekly",
        });
        s.BackupJobs.Add(new SimBackupJob
        {
            Id = "backup-8e02f6c4-1a90", Schedule = "02:00", Storage = "local", Pool = "production", Node = "pve1",
            Comment = "Local copies of production on pve1", NotesTemplate = "{{guestname}} nightly",
        });
        s.BackupJobs.Add(new SimBackupJob
        {
            Id = "backup-c4d5e6f7-0b12", Schedule = "sun 03:00", Storage = "nfs-backup", All = true, Enabled = false, Mode = "stop",
            Comment = "Old weekly full backup (disabled)",
        });

        // replication: 101 to pve2 works, 107 to pve3 fails
        var unix = now.ToUnixTimeSeconds();
        s.ReplicationJobs.Add(new SimReplicationJob { Guest = 101, JobNum = 0, Target = "pve2", Schedule = "*/15", LastSync = unix - 540, LastTry = unix - 540, Duration = 3.21 });
        s.ReplicationJobs.Add(new SimReplicationJob
        {
            Guest = 107, JobNum = 0, Target = "pve3", Schedule = "*/30", LastSync = unix - 9000, LastTry = unix - 1200, Duration = 1.87, FailCount = 4,
            Error = "command 'zfs snapshot rpool/data/vm-107-disk-0@__replicate_107-0_" + (unix - 1200).ToString(CultureInfo.InvariantCulture) + "__' failed: got timeout",
        });

        // backups: local on pve1 and the shared nfs-backup store
        AddBackup(s, "local", "pve1", s.Guests[100], now.AddDays(-2).Date.AddHours(2).AddMinutes(0).AddSeconds(3), 2_912_345_678, "web01 nightly");
        AddBackup(s, "local", "pve1", s.Guests[200], now.AddDays(-2).Date.AddHours(2).AddMinutes(10).AddSeconds(11), 412_345_678, "dns01 nightly");
        AddBackup(s, "nfs-backup", null, s.Guests[100], now.AddDays(-1).Date.AddHours(1).AddSeconds(5), 2_934_345_601, "web01 weekly");
        AddBackup(s, "nfs-backup", null, s.Guests[101], now.AddDays(-1).Date.AddHours(1).AddMinutes(4).AddSeconds(47), 18_734_345_112, "db01 weekly", protectedBackup: true);
        AddBackup(s, "nfs-backup", null, s.Guests[201], now.AddDays(-1).Date.AddHours(1).AddMinutes(31).AddSeconds(2), 734_345_112, "proxy01 weekly");
    }

    /// <summary>The lab cluster: vmids 100, 101, 200, 201 exist in the demo estate too, with other names, nodes and states.</summary>
    private static void BuildLabGuests(ClusterState s, DateTimeOffset now)
    {
        GuestSpec[] specs =
        [
            new(100, GuestType.Qemu, "lab1", "lab-router", GuestStatus.Stopped, 1, 1024, 8, "lab;net", Description: "OPNsense test router"),
            new(101, GuestType.Qemu, "lab2", "k3s-master", GuestStatus.Running, 2, 4096, 32, "k8s;lab", "experiments", Onboot: true),
            new(110, GuestType.Qemu, "lab2", "win-test", GuestStatus.Stopped, 2, 4096, 64, "windows", Os: "win11", Agent: false),
            new(200, GuestType.Lxc, "lab1", "pihole", GuestStatus.Running, 1, 512, 4, "dns", Onboot: true, Os: "debian"),
            new(201, GuestType.Lxc, "lab2", "build-box", GuestStatus.Stopped, 4, 4096, 32, "ci", "experiments", Os: "ubuntu"),
        ];
        foreach (var spec in specs)
        {
            AddGuest(s, spec, now);
        }

        s.Pools["experiments"] = new SimPool { Id = "experiments", Comment = "Short-lived experiments" };
        s.Pools["experiments"].Vms.UnionWith([101, 201]);
        AddSnapshot(s, s.Guests[101], "clean-install", null, now.AddDays(-12), "Fresh k3s install", false);
        AddBackup(s, "local", "lab1", s.Guests[200], now.AddDays(-1).Date.AddHours(3).AddSeconds(9), 198_345_112, "pihole weekly");
    }

    private static void BuildLargeGuests(ClusterState s, DateTimeOffset now, int count)
    {
        var nodes = s.Nodes.Count;
        s.Pools["production"] = new SimPool { Id = "production", Comment = "Production workloads" };
        s.Pools["lab"] = new SimPool { Id = "lab", Comment = "Lab and testing" };
        s.BackupJobs.Add(new SimBackupJob { Id = "backup-0a1b2c3d-0001", Schedule = "01:00", Storage = "nfs-backup", Pool = "production", Comment = "Production nightly" });
        string[] tagSets = ["prod;web", "prod;db", "app;prod", "lab", "ci;lab", "infra", "k8s;lab", "dev"];
        for (var i = 0; i < count; i++)
        {
            var vmid = 100 + i;
            var r = Det.Unit(s.Seed, vmid, 11);
            var isCt = Det.Unit(s.Seed, vmid, 12) < 0.3;
            var status = r < 0.72 ? GuestStatus.Running : (r < 0.97 || isCt ? GuestStatus.Stopped : GuestStatus.Paused);
            var node = s.Nodes[i % nodes].Name;
            var cores = 1 << (int)(Det.Hash(s.Seed, vmid, 13) % 4);
            var mem = isCt ? 512 << (int)(Det.Hash(s.Seed, vmid, 14) % 4) : 1024 << (int)(Det.Hash(s.Seed, vmid, 14) % 5);
            var disk = isCt ? 8 << (int)(Det.Hash(s.Seed, vmid, 15) % 3) : 16 << (int)(Det.Hash(s.Seed, vmid, 15) % 4);
            var tags = tagSets[Det.Hash(s.Seed, vmid, 16) % (ulong)tagSets.Length];
            var pool = (i % 10) switch { 0 or 1 => "production", 2 => "lab", _ => null };
            var spec = new GuestSpec(vmid, isCt ? GuestType.Lxc : GuestType.Qemu, node, isCt ? $"ct-{vmid}" : $"vm-{vmid}", status,
                cores, mem, disk, tags, pool, Os: isCt ? "debian" : "l26", Onboot: i % 3 == 0);
            AddGuest(s, spec, now);
            if (pool is not null)
            {
                s.Pools[pool].Vms.Add(vmid);
            }
        }
    }

    private static void AddGuest(ClusterState s, GuestSpec spec, DateTimeOffset now)
    {
        var cfg = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var lvm = s.Storage("local-lvm")!;
        var g = new SimGuest
        {
            Vmid = spec.Vmid,
            Type = spec.Type,
            Node = spec.Node,
            Status = spec.Status,
            CpuLoad = 0.01 + Det.Unit(s.Seed, spec.Vmid, 21) * 0.35,
            MemFraction = 0.25 + Det.Unit(s.Seed, spec.Vmid, 22) * 0.6,
            TrafficSeed = (long)(Det.Hash(s.Seed, spec.Vmid, 23) % 1_000_000_000),
            HaState = spec.HaState,
            Pool = spec.Pool,
            Config = cfg,
        };
        var created = now.AddDays(-(60 + (int)(Det.Hash(s.Seed, spec.Vmid, 24) % 300))).ToUnixTimeSeconds();
        if (spec.Type == GuestType.Qemu)
        {
            var disk = s.AllocateDisk(lvm, spec.Node, spec.Vmid, spec.DiskGiB * GiB, "images", fresh: true);
            if (spec.Template)
            {
                disk.Volid = $"local-lvm:base-{spec.Vmid}-disk-0";
            }

            cfg["boot"] = "order=scsi0;ide2;net0";
            cfg["cores"] = spec.Cores.ToString(CultureInfo.InvariantCulture);
            cfg["cpu"] = "x86-64-v2-AES";
            cfg["ide2"] = spec.Os.StartsWith("win", StringComparison.Ordinal) ? "local:iso/virtio-win-0.1.271.iso,media=cdrom,size=709474K" : "none,media=cdrom";
            cfg["memory"] = spec.MemMiB.ToString(CultureInfo.InvariantCulture);
            cfg["meta"] = $"creation-qemu=9.2.0,ctime={created}";
            cfg["name"] = spec.Name;
            cfg["net0"] = $"virtio={Det.Mac(s.Seed, spec.Vmid, 0)},bridge=vmbr0,firewall=1";
            cfg["numa"] = "0";
            cfg["ostype"] = spec.Os;
            cfg["scsi0"] = $"{disk.Volid},iothread=1,size={spec.DiskGiB}G";
            cfg["scsihw"] = "virtio-scsi-single";
            cfg["smbios1"] = $"uuid={Det.Uuid(s.Seed, spec.Vmid, 1)}";
            cfg["sockets"] = "1";
            cfg["vmgenid"] = Det.Uuid(s.Seed, spec.Vmid, 2);
            if (spec.Agent)
            {
                cfg["agent"] = "1";
            }

            if (spec.Template)
            {
                cfg["template"] = "1";
                cfg["ide2"] = "local-lvm:vm-9000-cloudinit,media=cdrom";
                cfg["ciuser"] = "debian";
                cfg["ipconfig0"] = "ip=dhcp";
            }
        }
        else
        {
            var disk = s.AllocateDisk(lvm, spec.Node, spec.Vmid, spec.DiskGiB * GiB, "rootdir", fresh: true);
            if (spec.Template)
            {
                disk.Volid = $"local-lvm:base-{spec.Vmid}-disk-0";
            }

            cfg["arch"] = "amd64";
            cfg["cores"] = spec.Cores.ToString(CultureInfo.InvariantCulture);
            cfg["features"] = "nesting=1";
            cfg["hostname"] = spec.Name;
            cfg["memory"] = spec.MemMiB.ToString(CultureInfo.InvariantCulture);
            cfg["net0"] = $"name=eth0,bridge=vmbr0,firewall=1,hwaddr={Det.Mac(s.Seed, spec.Vmid, 0)},ip=dhcp,type=veth";
            cfg["ostype"] = spec.Os;
            cfg["rootfs"] = $"{disk.Volid},size={spec.DiskGiB}G";
            cfg["swap"] = "512";
            cfg["unprivileged"] = "1";
            if (spec.Template)
            {
                cfg["template"] = "1";
            }
        }

        if (spec.Tags is not null)
        {
            cfg["tags"] = spec.Tags;
        }

        if (spec.Protection)
        {
            cfg["protection"] = "1";
        }

        if (spec.Onboot)
        {
            cfg["onboot"] = "1";
        }

        if (spec.Description is not null)
        {
            cfg["description"] = spec.Description;
        }

        if (spec.Status != GuestStatus.Stopped)
        {
            g.StartedAt = now - TimeSpan.FromSeconds(3_600 + (long)(Det.Unit(s.Seed, spec.Vmid, 25) * 1_100_000));
            var n = s.NodeByName[spec.Node];
            g.Pid = n.NextPid;
            n.NextPid += 11;
        }

        s.Guests[spec.Vmid] = g;
    }

    private static void AddSnapshot(ClusterState s, SimGuest g, string name, string? parent, DateTimeOffset when, string description, bool vmstate)
    {
        var cfg = new SortedDictionary<string, string>(g.Config, StringComparer.Ordinal);
        cfg.Remove("lock");
        if (g.IsQemu)
        {
            // earlier snapshots had one core less, so a rollback visibly changes the config
            var cores = int.Parse(cfg["cores"], CultureInfo.InvariantCulture);
            cfg["cores"] = Math.Max(1, cores - (vmstate ? 0 : 1)).ToString(CultureInfo.InvariantCulture);
            if (vmstate)
            {
                cfg["vmstate"] = $"local-lvm:vm-{g.Vmid}-state-{name}";
                cfg["runningmachine"] = "pc-i440fx-9.2+pve1";
                cfg["runningcpu"] = "qemu64,+aes,enforce,+kvm_pv_eoi,+kvm_pv_unhalt,+pni,+popcnt,+sse4.1,+sse4.2,+ssse3";
            }
        }

        g.Snapshots[name] = new SimSnapshot
        {
            Name = name,
            Parent = parent,
            Snaptime = when.ToUnixTimeSeconds(),
            Description = description,
            Vmstate = vmstate,
            WasRunning = vmstate,
            Config = cfg,
        };
        g.Parent = name;
    }

    internal static string BackupName(SimGuest g, DateTimeOffset when) =>
        string.Create(CultureInfo.InvariantCulture,
            $"vzdump-{g.TypeName}-{g.Vmid}-{when.UtcDateTime:yyyy_MM_dd-HH_mm_ss}.{(g.IsQemu ? "vma.zst" : "tar.zst")}");

    internal static SimVolume AddBackup(ClusterState s, string storage, string? node, SimGuest g, DateTimeOffset when, long size, string notes, bool protectedBackup = false)
    {
        var cfg = new SortedDictionary<string, string>(g.Config, StringComparer.Ordinal);
        cfg.Remove("lock");
        cfg.Remove("parent");
        var vol = new SimVolume
        {
            Storage = storage,
            Node = node,
            Volid = $"{storage}:backup/{BackupName(g, when)}",
            Content = "backup",
            Format = g.IsQemu ? "vma.zst" : "tar.zst",
            Size = size,
            Ctime = when.ToUnixTimeSeconds(),
            Vmid = g.Vmid,
            Notes = notes,
            Protected = protectedBackup,
            BackupConfig = cfg,
            BackupType = g.Type,
        };
        s.Volumes.Add(vol);
        return vol;
    }

    private static void AddTemplatesAndIsos(ClusterState s, DateTimeOffset now)
    {
        (string Name, long Size)[] isos =
        [
            ("debian-12.11.0-amd64-netinst.iso", 663_748_608),
            ("ubuntu-24.04.2-live-server-amd64.iso", 3_213_064_192),
            ("virtio-win-0.1.271.iso", 726_501_376),
        ];
        (string Name, long Size)[] tmpls =
        [
            ("debian-12-standard_12.7-1_amd64.tar.zst", 126_023_433),
            ("ubuntu-24.04-standard_24.04-2_amd64.tar.zst", 141_734_120),
            ("alpine-3.22-default_20250617_amd64.tar.xz", 3_170_412),
        ];
        foreach (var node in s.Nodes)
        {
            var ctime = now.AddDays(-90).ToUnixTimeSeconds();
            foreach (var (name, size) in isos)
            {
                s.Volumes.Add(new SimVolume { Storage = "local", Node = node.Name, Volid = $"local:iso/{name}", Content = "iso", Format = "iso", Size = size, Ctime = ctime });
            }

            foreach (var (name, size) in tmpls)
            {
                s.Volumes.Add(new SimVolume { Storage = "local", Node = node.Name, Volid = $"local:vztmpl/{name}", Content = "vztmpl", Format = name.EndsWith(".xz", StringComparison.Ordinal) ? "txz" : "tzst", Size = size, Ctime = ctime });
            }
        }

        if (s.Storage("nfs-backup") is null)
        {
            return;
        }

        s.Volumes.Add(new SimVolume { Storage = "nfs-backup", Volid = "nfs-backup:iso/debian-12.11.0-amd64-netinst.iso", Content = "iso", Format = "iso", Size = 663_748_608, Ctime = now.AddDays(-80).ToUnixTimeSeconds() });
    }

    private static void AddHistory(ClusterState s, DateTimeOffset now)
    {
        var day = now.AddDays(-1);
        const string root = "root@pam";
        if (s.NodeByName.ContainsKey("lab1"))
        {
            s.AddHistoricTask("lab1", "vzdump", "", root, day.AddHours(-21), TimeSpan.FromMinutes(2), "OK",
                ["INFO: starting new backup job: vzdump 200 --mode snapshot --storage local --compress zstd --quiet 1", "INFO: Backup job finished successfully"]);
            return;
        }

        s.AddHistoricTask("pve1", "vzdump", "", root, day.AddHours(-22), TimeSpan.FromMinutes(11), "OK",
        [
            "INFO: starting new backup job: vzdump 100 200 --mode snapshot --storage local --compress zstd --notes-template '{{guestname}} nightly' --quiet 1",
            "INFO: Starting Backup of VM 100 (qemu)",
            "INFO: Backup started at " + day.AddHours(-22).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            "INFO: status = running",
            "INFO: creating vzdump archive '/var/lib/vz/dump/vzdump-qemu-100.vma.zst'",
            "INFO: Finished Backup of VM 100 (00:09:58)",
            "INFO: Starting Backup of VM 200 (lxc)",
            "INFO: Finished Backup of VM 200 (00:01:02)",
            "INFO: Backup job finished successfully",
        ]);
        s.AddHistoricTask("pve1", "qmstart", "100", "root@pam!mcp", day.AddHours(-5), TimeSpan.FromSeconds(2), "OK", []);
        s.AddHistoricTask("pve1", "qmstart", "106", root, day.AddHours(-4), TimeSpan.FromSeconds(3),
            "start failed: QEMU exited with code 1",
            ["kvm: -drive file=/dev/pve/vm-106-disk-1,if=none,id=drive-scsi1: Could not open '/dev/pve/vm-106-disk-1': No such file or directory"]);
        s.AddHistoricTask("pve1", "aptupdate", "", root, day.AddHours(-3), TimeSpan.FromSeconds(8), "WARNINGS: 1",
        [
            "starting apt-get update",
            "Hit:1 http://deb.debian.org/debian trixie InRelease",
            "W: (pve-apt-hook) no subscription configured",
            "update database done",
        ]);
        if (s.NodeByName.ContainsKey("pve2"))
        {
            s.AddHistoricTask("pve2", "qmigrate", "107", root, day.AddHours(-8), TimeSpan.FromSeconds(41), "OK",
            [
                "starting migration of VM 107 to node 'pve2' (10.0.0.12)",
                "migration finished successfully (duration 00:00:41)",
            ]);
            s.AddHistoricTask("pve2", "vzcreate", "201", "root@pam!mcp", day.AddHours(-30), TimeSpan.FromSeconds(14), "OK",
                ["extracting archive '/var/lib/vz/template/cache/debian-12-standard_12.7-1_amd64.tar.zst'", "Total bytes read: 519884800 (496MiB, 94MiB/s)"]);
        }

        if (s.NodeByName.ContainsKey("pve3"))
        {
            s.AddHistoricTask("pve3", "qmshutdown", "104", root, day.AddHours(-2), TimeSpan.FromMinutes(3),
                "VM quit/powerdown failed - got timeout", []);
            s.AddHistoricTask("pve3", "vzstart", "203", root, day.AddHours(-1), TimeSpan.FromSeconds(2), "OK", []);
        }
    }
}
