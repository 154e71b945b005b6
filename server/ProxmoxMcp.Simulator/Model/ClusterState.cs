using System.Globalization;
using System.Text.RegularExpressions;
using ProxmoxMcp.Simulator.Infrastructure;

namespace ProxmoxMcp.Simulator.Model;

/// <summary>The whole simulated estate. Not thread-safe by itself: <see cref="SimulatedCluster"/> serialises access.</summary>
internal sealed partial class ClusterState
{
    private readonly TimeProvider _time;
    private readonly FaultInjector _faults;

    public ClusterState(SimulatorOptions options, FaultInjector faults)
    {
        Options = options;
        _time = options.Time;
        _faults = faults;
        Seed = options.Seed;
        PveVersion = options.PveVersion;
    }

    public SimulatorOptions Options { get; }

    public AuthService Auth { get; set; } = null!;

    public int Seed { get; }

    public DateTimeOffset Now => _time.GetUtcNow();

    public long UnixNow => Now.ToUnixTimeSeconds();

    public List<SimNode> Nodes { get; } = [];

    public Dictionary<string, SimNode> NodeByName { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, SimGuest> Guests { get; } = [];

    public List<SimStorage> Storages { get; } = [];

    public List<SimVolume> Volumes { get; } = [];

    public SortedDictionary<string, SimPool> Pools { get; } = new(StringComparer.Ordinal);

    public List<SimulatedTask> Tasks { get; } = [];

    public Dictionary<string, SimulatedTask> TaskByUpid { get; } = new(StringComparer.Ordinal);

    public string PveVersion { get; set; }

    public string RepoId { get; set; } = "deb1ca707ec72a89";

    public int ConfigVersion { get; set; } = 3;

    /// <summary>Bumped by every change (non-GET request, task end, node on/offline); keys the response caches.</summary>
    public long Version { get; private set; }

    public void Touch() => Version++;

    /// <summary>Cache of large, expensive GET answers (e.g. /cluster/resources of a 5,000-guest estate) for one second of simulator time.</summary>
    private readonly Dictionary<string, (long Version, long Second, ReadOnlyMemory<byte> Data)> _responseCache = new(StringComparer.Ordinal);

    public bool TryGetCached(string key, out ReadOnlyMemory<byte> data)
    {
        if (_responseCache.TryGetValue(key, out var e) && e.Version == Version && e.Second == UnixNow)
        {
            data = e.Data;
            return true;
        }

        data = default;
        return false;
    }

    public void SetCached(string key, ReadOnlyMemory<byte> data)
    {
        if (_responseCache.Count > 64)
        {
            _responseCache.Clear();
        }

        _responseCache[key] = (Version, UnixNow, data);
    }

    private (long Version, long Second, Dictionary<string, (double Cpu, double Mem)> Loads)? _loads;

    /// <summary>Per-node guest load sums, recomputed when the state changed or a second passed.</summary>
    public Dictionary<string, (double Cpu, double Mem)> CachedNodeLoads(Func<ClusterState, Dictionary<string, (double Cpu, double Mem)>> compute)
    {
        if (_loads is { } l && l.Version == Version && l.Second == UnixNow)
        {
            return l.Loads;
        }

        var loads = compute(this);
        _loads = (Version, UnixNow, loads);
        return loads;
    }

    public void AddNode(SimNode node)
    {
        Nodes.Add(node);
        NodeByName[node.Name] = node;
    }

    public SimStorage? Storage(string id) => Storages.Find(s => s.Id == id);

    public SimNode LocalNode => Nodes[0];

    // ---------------------------------------------------------------- tasks

    /// <summary>Start a worker task on a node; its effect runs when it finishes.</summary>
    public SimulatedTask StartTask(
        string node,
        string type,
        string id,
        string user,
        Action<TaskContext>? complete = null,
        Action<bool>? onEnd = null,
        IEnumerable<string>? log = null,
        string? failure = null)
    {
        var n = NodeByName[node];
        var now = Now;
        var pid = n.NextPid;
        n.NextPid += 1 + (int)(Det.Hash(Seed, pid, 5) % 40);
        var starttime = now.ToUnixTimeSeconds();
        var pstart = Math.Max(1, (long)((now - n.BootTime).TotalSeconds * 100));
        var duration = _faults.TakeTaskDuration(type) ?? Options.TaskDuration;

        // UPIDs must be unique: same node+pid+starttime would collide
        var task = new SimulatedTask(node, pid, pstart, starttime, type, id, user, now, duration)
        {
            OnComplete = complete,
            OnEnd = onEnd,
            InjectedFailure = failure ?? _faults.TakeTaskFailure(type),
        };
        var lines = log?.ToList() ?? [];
        for (var i = 0; i < lines.Count; i++)
        {
            task.PlanLog(lines.Count == 1 ? 0.1 : (double)i / lines.Count, lines[i]);
        }

        Tasks.Add(task);
        TaskByUpid[task.Upid] = task;
        if (duration <= TimeSpan.Zero)
        {
            Complete(task, now);
        }

        return task;
    }

    /// <summary>Complete every running task whose time has come (in due order).</summary>
    public void AdvanceTasks()
    {
        var now = Now;
        List<SimulatedTask>? due = null;
        foreach (var t in Tasks)
        {
            if (t.IsRunning && t.DueAt <= now)
            {
                (due ??= []).Add(t);
            }
        }

        if (due is null)
        {
            return;
        }

        foreach (var t in due.OrderBy(t => t.DueAt))
        {
            if (t.IsRunning)
            {
                Complete(t, t.DueAt);
            }
        }
    }

    private void Complete(SimulatedTask task, DateTimeOffset at)
    {
        Touch();
        var ctx = new TaskContext(task, at);
        string exit;
        try
        {
            if (task.InjectedFailure is { } injected)
            {
                throw new TaskFailedException(injected);
            }

            task.OnComplete?.Invoke(ctx);
            exit = ctx.Warnings > 0 ? $"WARNINGS: {ctx.Warnings}" : "OK";
        }
        catch (TaskFailedException ex)
        {
            exit = ex.Message;
        }
        catch (PveException ex)
        {
            exit = ex.Message;
        }

        try
        {
            task.OnEnd?.Invoke(exit == "OK" || exit.StartsWith("WARNINGS: ", StringComparison.Ordinal));
        }
        finally
        {
            task.Finish(exit, at);
        }
    }

    /// <summary>Stop a running task (DELETE .../tasks/{upid}).</summary>
    public void StopTask(SimulatedTask task)
    {
        if (!task.IsRunning)
        {
            return;
        }

        Touch();
        var reason = task.Type is "vzdump" or "qmclone" or "vzclone" or "qmmove" ? "interrupted by signal" : "received interrupt";
        try
        {
            task.OnEnd?.Invoke(false);
        }
        finally
        {
            task.Finish(reason, Now);
        }
    }

    /// <summary>Add a finished task to the history (estate generation).</summary>
    public void AddHistoricTask(string node, string type, string id, string user, DateTimeOffset started, TimeSpan duration, string exit, IEnumerable<string> log)
    {
        var n = NodeByName[node];
        var pid = n.NextPid;
        n.NextPid += 3 + (int)(Det.Hash(Seed, pid, 9) % 50);
        var pstart = Math.Max(1, (long)((started - n.BootTime).TotalSeconds * 100));
        var task = new SimulatedTask(node, pid, pstart, started.ToUnixTimeSeconds(), type, id, user, started, duration) { Historic = true };
        foreach (var l in log)
        {
            task.PlanLog(0, l);
        }

        task.Finish(exit, started + duration);
        Tasks.Add(task);
        TaskByUpid[task.Upid] = task;
    }

    // ---------------------------------------------------------------- volumes

    public IEnumerable<SimVolume> VolumesOn(SimStorage storage, string node) =>
        Volumes.Where(v => v.Storage == storage.Id && (storage.Shared || v.Node == node));

    public SimVolume? FindVolume(string volid, string node)
    {
        var st = Storage(volid.Split(':')[0]);
        if (st is null)
        {
            return null;
        }

        return Volumes.Find(v => v.Volid == volid && (st.Shared || v.Node == node));
    }

    /// <summary>Allocate a new guest disk on a storage (vm-{vmid}-disk-N).</summary>
    public SimVolume AllocateDisk(SimStorage storage, string node, int vmid, long sizeBytes, string content, string? format = null, bool fresh = false)
    {
        if (storage.Full)
        {
            throw PveException.Die(NoSpaceMessage(storage, vmid, sizeBytes));
        }

        var existing = fresh ? [] : Volumes.Where(v => v.Storage == storage.Id && v.Vmid == vmid && (storage.Shared || v.Node == node))
            .Select(v => v.Volid).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; ; i++)
        {
            var name = content == "rootdir" && storage.IsFileBased ? $"subvol-{vmid}-disk-{i}" : $"vm-{vmid}-disk-{i}";
            string volid;
            string fmt;
            if (storage.IsFileBased)
            {
                fmt = format ?? (content == "rootdir" ? "raw" : "qcow2");
                volid = $"{storage.Id}:{vmid}/{name}.{fmt}";
            }
            else
            {
                fmt = "raw";
                volid = $"{storage.Id}:{name}";
            }

            if (existing.Contains(volid) || existing.Any(e => e.Contains(name + ".", StringComparison.Ordinal) || e.EndsWith(":" + name, StringComparison.Ordinal)))
            {
                continue;
            }

            var vol = new SimVolume
            {
                Storage = storage.Id,
                Node = storage.Shared ? null : node,
                Volid = volid,
                Content = content == "rootdir" ? "rootdir" : "images",
                Format = fmt,
                Size = sizeBytes,
                Used = storage.Type == "lvmthin" ? sizeBytes / 5 : sizeBytes / 4,
                Ctime = UnixNow,
                Vmid = vmid,
            };
            Volumes.Add(vol);
            return vol;
        }
    }

    /// <summary>What PVE's storage plugin reports when a volume cannot be allocated or grown on a full storage.</summary>
    public static string NoSpaceMessage(SimStorage storage, int vmid, long sizeBytes) => storage.Type switch
    {
        "lvmthin" or "lvm" => $"lvcreate '{storage.VgName ?? "pve"}/vm-{vmid}-disk-0' error:   Volume group \"{storage.VgName ?? "pve"}\" has insufficient free space (0 extents): {sizeBytes / (4L << 20)} required.",
        _ => $"unable to create image: qemu-img: {storage.Path}/images/{vmid}: Could not create image: No space left on device",
    };

    public long StorageUsed(SimStorage storage, string node)
    {
        if (storage.Full)
        {
            return storage.Total;
        }

        long used = 0;
        foreach (var v in VolumesOn(storage, node))
        {
            used += v.Used ?? v.Size;
        }

        // base usage so that the storage does not look empty
        return used + (long)(storage.Total * 0.05);
    }

    // ---------------------------------------------------------------- guest helpers

    public SimGuest? FindGuest(int vmid) => Guests.TryGetValue(vmid, out var g) ? g : null;

    /// <summary>load_config on a node: the guest of that type on that node, or PVE's "does not exist" error.</summary>
    public SimGuest LoadConfig(GuestType type, string node, int vmid)
    {
        if (Guests.TryGetValue(vmid, out var g) && g.Type == type && g.Node == node)
        {
            return g;
        }

        var path = type == GuestType.Qemu ? $"nodes/{node}/qemu-server/{vmid}.conf" : $"nodes/{node}/lxc/{vmid}.conf";
        throw PveException.Die($"Configuration file '{path}' does not exist");
    }

    public void SetGuestRunning(SimGuest g, bool running)
    {
        if (running)
        {
            if (g.Status == GuestStatus.Stopped)
            {
                g.StartedAt = Now;
                var n = NodeByName[g.Node];
                g.Pid = n.NextPid;
                n.NextPid += 7;
            }

            g.Status = GuestStatus.Running;
        }
        else
        {
            g.Status = GuestStatus.Stopped;
            g.StartedAt = null;
            g.Pid = 0;
        }
    }

    /// <summary>Parse a disk value "STORAGE:VOLNAME,opt=..,size=32G" into its volume id and options.</summary>
    public static (string File, SortedDictionary<string, string> Opts) ParseDrive(string value)
    {
        var opts = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var file = "";
        foreach (var part in value.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                file = part;
            }
            else if (part[..eq] is "file" or "volume")
            {
                file = part[(eq + 1)..];
            }
            else
            {
                opts[part[..eq]] = part[(eq + 1)..];
            }
        }

        return (file, opts);
    }

    public static string PrintDrive(string file, IEnumerable<KeyValuePair<string, string>> opts, string? firstKey = null)
    {
        var parts = new List<string> { firstKey is null ? file : $"{firstKey}={file}" };
        parts.AddRange(opts.Select(kv => $"{kv.Key}={kv.Value}"));
        return string.Join(',', parts);
    }

    /// <summary>PVE::JSONSchema::format_size.</summary>
    public static string FormatSize(long size)
    {
        var kb = size / 1024;
        if (kb * 1024 != size)
        {
            return size.ToString(CultureInfo.InvariantCulture);
        }

        var mb = kb / 1024;
        if (mb * 1024 != kb)
        {
            return kb.ToString(CultureInfo.InvariantCulture) + "K";
        }

        var gb = mb / 1024;
        if (gb * 1024 != mb)
        {
            return mb.ToString(CultureInfo.InvariantCulture) + "M";
        }

        var tb = gb / 1024;
        if (tb * 1024 != gb)
        {
            return gb.ToString(CultureInfo.InvariantCulture) + "G";
        }

        return tb.ToString(CultureInfo.InvariantCulture) + "T";
    }

    /// <summary>PVE::JSONSchema::parse_size; null when invalid.</summary>
    public static long? ParseSize(string value)
    {
        var m = SizeRegex().Match(value);
        if (!m.Success)
        {
            return null;
        }

        var size = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        size *= m.Groups[3].Value switch
        {
            "K" or "KiB" => 1024d,
            "M" or "MiB" => 1024d * 1024,
            "G" or "GiB" => 1024d * 1024 * 1024,
            "T" or "TiB" => 1024d * 1024 * 1024 * 1024,
            _ => 1,
        };
        return (long)size;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?)([KMGT](?:iB)?)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex SizeRegex();

    public static bool IsQemuDriveKey(string key) => QemuDriveRegex().IsMatch(key);

    public static bool IsLxcVolumeKey(string key) => key == "rootfs" || LxcMpRegex().IsMatch(key);

    [GeneratedRegex(@"^(ide[0-3]|sata[0-5]|scsi([0-9]|[1-2][0-9]|30)|virtio([0-9]|1[0-5])|efidisk0|tpmstate0)\z", RegexOptions.CultureInvariant)]
    private static partial Regex QemuDriveRegex();

    [GeneratedRegex(@"^mp[0-9]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex LxcMpRegex();

    /// <summary>PVE's NEW_DISK_RE: "[STORAGE:]SIZE_GiB".</summary>
    [GeneratedRegex(@"^(([^/:\s]+):)?([0-9]+(\.[0-9]+)?)\z", RegexOptions.CultureInvariant)]
    public static partial Regex NewDiskRegex();
}
