using System.Globalization;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;
using ProxmoxMcp.Simulator.Schema;

namespace ProxmoxMcp.Simulator.Api;

internal static partial class Router
{
    private static void RegisterGuests(Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> d)
    {
        foreach (var kind in new[] { "qemu", "lxc" })
        {
            var b = $"/nodes/{{node}}/{kind}";
            var v = b + "/{vmid}";
            d[("GET", b)] = GuestList;
            d[("POST", b)] = kind == "qemu" ? CreateVm : CreateCt;
            d[("GET", v)] = c =>
            {
                Load(c);
                return SubdirIndex(kind == "qemu"
                    ? ["config", "pending", "status", "unlink", "vncproxy", "termproxy", "migrate", "resize", "move", "rrd", "rrddata", "monitor", "agent", "snapshot", "spiceproxy", "sendkey", "firewall", "mtunnel", "remote_migrate", "dbus-vmstate"]
                    : ["config", "pending", "status", "vncproxy", "termproxy", "vncwebsocket", "spiceproxy", "migrate", "clone", "snapshot", "firewall", "rrd", "rrddata", "interfaces", "remote_migrate", "mtunnel"]);
            };
            d[("DELETE", v)] = DestroyGuest;
            d[("GET", v + "/status")] = c =>
            {
                Load(c);
                return SubdirIndex(kind == "qemu"
                    ? ["current", "start", "stop", "reset", "shutdown", "suspend", "reboot", "resume"]
                    : ["current", "start", "stop", "shutdown", "suspend", "resume", "reboot"]);
            };
            d[("GET", v + "/status/current")] = GuestStatusCurrent;
            foreach (var action in new[] { "start", "stop", "shutdown", "reboot", "suspend", "resume" })
            {
                var a = action;
                d[("POST", v + "/status/" + a)] = c => PowerAction(c, a);
            }

            d[("POST", v + "/clone")] = CloneGuest;
            d[("POST", v + "/migrate")] = MigrateGuest;
            d[("GET", v + "/config")] = GetConfig;
            d[("PUT", v + "/config")] = c => UpdateConfig(c, async: false);
            d[("PUT", v + "/resize")] = Resize;
            d[("POST", v + "/template")] = Template;
            d[("GET", v + "/rrddata")] = GuestRrd;
            d[("GET", v + "/snapshot")] = SnapshotList;
            d[("POST", v + "/snapshot")] = SnapshotCreate;
            d[("GET", v + "/snapshot/{snapname}")] = c =>
            {
                Load(c);
                return new JsonArray(J.Obj().Set("cmd", "rollback"), J.Obj().Set("cmd", "config"));
            };
            d[("GET", v + "/snapshot/{snapname}/config")] = SnapshotConfig;
            d[("PUT", v + "/snapshot/{snapname}/config")] = SnapshotUpdate;
            d[("DELETE", v + "/snapshot/{snapname}")] = SnapshotDelete;
            d[("POST", v + "/snapshot/{snapname}/rollback")] = SnapshotRollback;
        }

        d[("POST", "/nodes/{node}/qemu/{vmid}/status/reset")] = c => PowerAction(c, "reset");
        d[("POST", "/nodes/{node}/qemu/{vmid}/config")] = c => UpdateConfig(c, async: true);
    }

    private static JsonArray SubdirIndex(IEnumerable<string> names)
    {
        var arr = new JsonArray();
        foreach (var n in names)
        {
            arr.Push(J.Obj().Set("subdir", n));
        }

        return arr;
    }

    private static GuestType KindOf(ApiContext c) =>
        c.Template.StartsWith("/nodes/{node}/qemu", StringComparison.Ordinal) ? GuestType.Qemu : GuestType.Lxc;

    private static SimGuest Load(ApiContext c) => c.S.LoadConfig(KindOf(c), c.Node, c.Vmid);

    private static string? LockError(SimGuest g, params string[] allowed) =>
        g.Lock is { } l && !allowed.Contains(l) ? $"{g.Kind} is locked ({l})" : null;

    private static void CheckLock(SimGuest g, params string[] allowed)
    {
        if (LockError(g, allowed) is { } err)
        {
            throw PveException.Die(err);
        }
    }

    private static void RootOnly(ApiContext c, string param)
    {
        if (c.Has(param) && c.Str(param) is { Length: > 0 } v && v != "0" && !c.P.IsRootUser)
        {
            throw PveException.Param(param, "Only root may use this option.");
        }
    }

    /// <summary>The guest still exists (same object), else the task fails like load_config.</summary>
    private static SimGuest Still(ClusterState s, SimGuest g, string? node = null)
    {
        if (s.Guests.TryGetValue(g.Vmid, out var cur) && ReferenceEquals(cur, g) && (node is null || g.Node == node))
        {
            return g;
        }

        throw new TaskFailedException($"Configuration file '{g.ConfPath(node ?? g.Node)}' does not exist");
    }

    private static string Id(int vmid) => vmid.ToString(CultureInfo.InvariantCulture);

    /// <summary>A task that takes a config lock for its duration (released when it ends however it ends).</summary>
    private static JsonNode LockedTask(ApiContext c, SimGuest g, string type, string lockName, string? prepareError, Action<TaskContext> complete, IEnumerable<string>? log = null, Action<bool>? onEnd = null)
    {
        if (prepareError is null)
        {
            g.Lock = lockName;
        }

        return c.Task(type, Id(g.Vmid), prepareError is null ? complete : null, ok =>
        {
            if (prepareError is null && g.Lock == lockName)
            {
                g.Lock = null;
            }

            onEnd?.Invoke(ok);
        }, log, prepareError);
    }

    private static string StatusText(SimGuest g) => g.Status == GuestStatus.Stopped ? "stopped" : "running";

    private static JsonObject GuestListEntry(ApiContext c, SimGuest g, bool full)
    {
        var s = c.S;
        var e = J.Obj().Set("vmid", g.Vmid).Set("name", g.Name).Set("status", StatusText(g));
        if (!g.IsQemu)
        {
            e.Set("type", "lxc");
        }

        e.Set("cpus", g.MaxCpu).Set("cpu", Metrics.Cpu(s, g)).Set("maxmem", g.MaxMem).Set("mem", Metrics.Mem(s, g))
            .Set("maxdisk", Metrics.MaxDisk(g)).Set("disk", Metrics.DiskUsed(s, g))
            .Set("netin", Metrics.Net(s, g, false)).Set("netout", Metrics.Net(s, g, true))
            .Set("diskread", Metrics.DiskIo(s, g, false)).Set("diskwrite", Metrics.DiskIo(s, g, true))
            .Set("uptime", Metrics.Uptime(s, g));
        if (!g.IsQemu)
        {
            e.Set("maxswap", g.MaxSwap).Set("swap", Metrics.IsUp(g) ? g.MaxSwap / 50 : 0);
        }

        if (g.Status != GuestStatus.Stopped)
        {
            e.Set("pid", g.Pid);
            if (g.IsQemu)
            {
                e.Set("memhost", Metrics.Mem(s, g));
            }
        }

        if (g.IsTemplate)
        {
            e.Set("template", 1);
        }

        e.Set("tags", g.Tags).Set("lock", g.Lock);
        if (g.IsQemu && full)
        {
            e.Set("qmpstatus", g.Status switch { GuestStatus.Running => "running", GuestStatus.Paused => "paused", _ => "stopped" });
            if (g.Status != GuestStatus.Stopped)
            {
                e.Set("running-machine", "pc-i440fx-9.2+pve1").Set("running-qemu", "9.2.0");
            }
        }

        return e;
    }

    private static JsonNode GuestList(ApiContext c)
    {
        var type = KindOf(c);
        var arr = new JsonArray();
        foreach (var g in c.S.Guests.Values)
        {
            if (g.Type == type && g.Node == c.Node && c.Can($"/vms/{g.Vmid}", "VM.Audit"))
            {
                arr.Push(GuestListEntry(c, g, c.Flag("full")));
            }
        }

        return arr;
    }

    private static JsonNode GuestStatusCurrent(ApiContext c)
    {
        var g = Load(c);
        var e = GuestListEntry(c, g, true);
        var ha = J.Obj().Bool("managed", g.HaState is not null);
        if (g.HaState is not null)
        {
            ha.Set("state", g.HaState).Set("group", null as string);
        }

        e.Set("ha", ha);
        if (g.IsQemu)
        {
            if (g.Config.TryGetValue("agent", out var agent) && agent.StartsWith('1'))
            {
                e.Set("agent", 1);
            }

            e.Set("serial", null as string);
        }

        return e;
    }

    // ------------------------------------------------------------------ power

    private static JsonNode PowerAction(ApiContext c, string action)
    {
        var g = Load(c);
        RootOnly(c, "skiplock");
        var skiplock = c.Flag("skiplock");
        var s = c.S;
        var running = g.Status != GuestStatus.Stopped;
        var node = c.Node;
        var lockError = skiplock ? null : LockError(g, g.IsQemu ? [] : ["mounted"]);
        if (g.IsQemu)
        {
            foreach (var p in new[] { "stateuri", "migratedfrom", "migration_type", "migration_network", "targetstorage", "force-cpu", "with-conntrack-state", "nets-host-mtu", "keepActive", "nocheck" })
            {
                RootOnly(c, p);
            }

            switch (action)
            {
                case "start":
                    var startError = g.IsTemplate ? "you can't start a vm if it's a template" : skiplock ? null : LockError(g, "suspended");
                    return c.Task(g.IsTemplate || g.HaState is null ? "qmstart" : "hastart", Id(g.Vmid), t =>
                    {
                        Still(s, g, node);
                        if (g.Status != GuestStatus.Stopped)
                        {
                            throw new TaskFailedException($"VM {g.Vmid} already running");
                        }

                        if (g.Lock == "suspended")
                        {
                            g.Lock = null;
                            g.Config.Remove("vmstate");
                            t.Log("resuming VM from its saved state");
                        }

                        s.SetGuestRunning(g, true);
                    }, failure: startError);
                case "stop":
                    return c.Task(g.HaState is null ? "qmstop" : "hastop", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);
                        if (g.Status == GuestStatus.Stopped)
                        {
                            return;
                        }

                        s.SetGuestRunning(g, false);
                    });
                case "shutdown":
                    var forceStop = c.Flag("forceStop");
                    if (g.Status == GuestStatus.Paused && !forceStop)
                    {
                        throw PveException.Die("VM is paused - cannot shutdown");
                    }

                    return c.Task(g.HaState is null ? "qmshutdown" : "hastop", Id(g.Vmid), t =>
                    {
                        Still(s, g, node);
                        if (g.Status == GuestStatus.Stopped)
                        {
                            return;
                        }

                        if (g.Status == GuestStatus.Paused)
                        {
                            t.Warn("VM is paused - stop instead of shutdown");
                        }

                        s.SetGuestRunning(g, false);
                    }, failure: lockError);
                case "reboot":
                    if (g.Status == GuestStatus.Paused)
                    {
                        throw PveException.Die("VM is paused - cannot shutdown");
                    }

                    if (!running)
                    {
                        throw PveException.Die($"VM {g.Vmid} not running");
                    }

                    return c.Task("qmreboot", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);

                        if (g.Status == GuestStatus.Stopped)
                        {
                            throw new TaskFailedException($"VM {g.Vmid} not running");
                        }

                        g.StartedAt = s.Now;
                    }, failure: lockError);
                case "reset":
                    if (!running)
                    {
                        throw PveException.Die($"VM {g.Vmid} not running");
                    }

                    return c.Task("qmreset", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);

                        g.StartedAt = s.Now;
                        g.Status = GuestStatus.Running;
                    }, failure: lockError);
                case "suspend":
                    RootOnly(c, "statestorage");
                    if (!running)
                    {
                        throw PveException.Die($"VM {g.Vmid} not running");
                    }

                    var todisk = c.Flag("todisk");
                    if (todisk && g.HaState is not null)
                    {
                        throw PveException.Die("Cannot suspend HA managed VM to disk");
                    }

                    return c.Task(todisk ? "qmsuspend" : "qmpause", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);

                        if (g.Status == GuestStatus.Stopped)
                        {
                            throw new TaskFailedException($"VM {g.Vmid} not running");
                        }

                        if (todisk)
                        {
                            s.SetGuestRunning(g, false);
                            g.Lock = "suspended";
                            g.Config["vmstate"] = $"local-lvm:vm-{g.Vmid}-state-suspend-{s.Now.UtcDateTime:yyyy-MM-dd}";
                        }
                        else
                        {
                            g.Status = GuestStatus.Paused;
                        }
                    }, failure: lockError);
                case "resume":
                    if (!running && g.Lock != "suspended")
                    {
                        throw PveException.Die($"VM {g.Vmid} not running");
                    }

                    return c.Task("qmresume", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);
                        if (g.Lock == "suspended")
                        {
                            g.Lock = null;
                            g.Config.Remove("vmstate");
                            s.SetGuestRunning(g, true);
                            return;
                        }

                        if (g.Status == GuestStatus.Stopped)
                        {
                            throw new TaskFailedException($"VM {g.Vmid} not running");
                        }

                        g.Status = GuestStatus.Running;
                    }, failure: g.Lock is "suspended" or "backup" || skiplock ? null : lockError);
            }
        }
        else
        {
            switch (action)
            {
                case "start":
                    if (running)
                    {
                        throw PveException.Die($"CT {g.Vmid} already running");
                    }

                    return c.Task("vzstart", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);
                        if (g.Status != GuestStatus.Stopped)
                        {
                            throw new TaskFailedException($"CT {g.Vmid} already running");
                        }

                        s.SetGuestRunning(g, true);
                    }, failure: g.IsTemplate ? "you can't start a CT if it's a template" : lockError);
                case "stop":
                case "shutdown":
                    RootOnly(c, "overrule-shutdown");
                    if (!running)
                    {
                        throw PveException.Die($"CT {g.Vmid} not running");
                    }

                    return c.Task(action == "stop" ? "vzstop" : "vzshutdown", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);

                        s.SetGuestRunning(g, false);
                    }, failure: lockError);
                case "reboot":
                    if (!running)
                    {
                        throw PveException.Die($"VM {g.Vmid} not running");
                    }

                    return c.Task("vzreboot", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);

                        g.StartedAt = s.Now;
                        g.Status = GuestStatus.Running;
                    }, failure: lockError);
                case "suspend":
                    if (!running)
                    {
                        throw PveException.Die($"CT {g.Vmid} not running");
                    }

                    return c.Task("vzsuspend", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);

                        g.Status = GuestStatus.Paused;
                    }, failure: lockError);
                case "resume":
                    if (g.Status == GuestStatus.Running)
                    {
                        throw PveException.Die($"CT {g.Vmid} already running");
                    }

                    if (!running)
                    {
                        throw PveException.Die($"CT {g.Vmid} not running");
                    }

                    return c.Task("vzresume", Id(g.Vmid), _ =>
                    {
                        Still(s, g, node);
                        g.Status = GuestStatus.Running;
                    }, failure: lockError);
            }
        }

        throw new PveException(501, $"Method 'POST {c.Template}' not implemented");
    }

    // ------------------------------------------------------------------ destroy

    private static JsonNode DestroyGuest(ApiContext c)
    {
        RootOnly(c, "skiplock");
        var g = Load(c);
        var s = c.S;
        var purge = c.Flag("purge");
        var skiplock = c.Flag("skiplock");
        var force = c.Flag("force");
        void Early()
        {
            if (g.IsProtected)
            {
                throw PveException.Die($"can't remove {g.Kind} {g.Vmid} - protection mode enabled");
            }

            if (!g.IsQemu)
            {
                CheckLock(g);
            }

            if (g.HaState is not null && !purge)
            {
                throw PveException.Die($"unable to remove {g.Kind} {g.Vmid} - used in HA resources and purge parameter not set.");
            }

            if (g.Status != GuestStatus.Stopped && !force)
            {
                throw PveException.Die(g.IsQemu ? $"VM {g.Vmid} is running - destroy failed" : $"unable to destroy CT {g.Vmid} - container is running");
            }
        }

        Early();
        var volumes = s.Volumes.Where(v => v.Vmid == g.Vmid && v.Content is "images" or "rootdir").Select(v => v.Volid).ToList();
        var log = volumes.Select(v => g.IsQemu && v.StartsWith("local-lvm:", StringComparison.Ordinal)
            ? $"  Logical volume \"{v[10..]}\" successfully removed." : $"Removed volume '{v}'").ToList();
        if (purge)
        {
            log.Add($"purging {g.Kind} {g.Vmid} from related configurations..");
        }

        return c.Task(g.IsQemu ? "qmdestroy" : "vzdestroy", Id(g.Vmid), _ =>
        {
            Still(s, g);
            try
            {
                Early();
            }
            catch (PveException ex)
            {
                throw new TaskFailedException(ex.Message);
            }

            if (g.IsQemu && !skiplock && LockError(g) is { } err)
            {
                throw new TaskFailedException(err);
            }

            if (g.Status != GuestStatus.Stopped)
            {
                s.SetGuestRunning(g, false);
            }

            s.Guests.Remove(g.Vmid);
            s.Volumes.RemoveAll(v => v.Vmid == g.Vmid && v.Content is "images" or "rootdir");
            foreach (var pool in s.Pools.Values)
            {
                pool.Vms.Remove(g.Vmid);
            }
        }, log: log);
    }

    // ------------------------------------------------------------------ config

    internal static JsonObject TypedConfig(IEnumerable<KeyValuePair<string, string>> config, GuestType type)
    {
        var types = type == GuestType.Qemu ? ApiSchema.Instance.QemuConfigTypes : ApiSchema.Instance.LxcConfigTypes;
        var o = new JsonObject();
        foreach (var (k, v) in config)
        {
            var key = System.Text.RegularExpressions.Regex.Replace(k, "[0-9]+$", "[n]");
            types.TryGetValue(types.ContainsKey(k) ? k : key, out var t);
            o[k] = J.Typed(v, t);
        }

        return o;
    }

    private static JsonNode GetConfig(ApiContext c)
    {
        var g = Load(c);
        if (c.Str("snapshot") is { } snap)
        {
            if (!g.Snapshots.TryGetValue(snap, out var sn))
            {
                throw PveException.Die($"snapshot '{snap}' does not exist");
            }

            return SnapshotConfigJson(g, sn);
        }

        var o = TypedConfig(g.Config, g.Type);
        o["digest"] = g.Digest();
        return o;
    }

    private static JsonObject SnapshotConfigJson(SimGuest g, SimSnapshot sn)
    {
        var cfg = new SortedDictionary<string, string>(sn.Config, StringComparer.Ordinal)
        {
            ["snaptime"] = sn.Snaptime.ToString(CultureInfo.InvariantCulture),
        };
        if (sn.Parent is not null)
        {
            cfg["parent"] = sn.Parent;
        }

        if (sn.Description.Length > 0)
        {
            cfg["description"] = sn.Description;
        }

        var o = TypedConfig(cfg, g.Type);
        o["digest"] = SimGuest.DigestOf(cfg);
        return o;
    }

    private static readonly HashSet<string> QemuSpecialParams = new(StringComparer.Ordinal)
    {
        "node", "vmid", "digest", "delete", "revert", "skiplock", "force", "background_delay",
    };

    private static JsonNode? UpdateConfig(ApiContext c, bool async)
    {
        var g = Load(c);
        var s = c.S;
        RootOnly(c, "skiplock");
        var skiplock = c.Flag("skiplock");
        var digest = c.Str("digest");
        var settings = c.Params.Where(kv => !QemuSpecialParams.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var deletes = c.Str("delete") is { } del ? ParameterValidator.SplitList(del).ToList() : [];
        var reverts = c.Str("revert") is { } rev ? ParameterValidator.SplitList(rev).ToList() : [];
        if (deletes.Count == 0 && reverts.Count == 0 && settings.Count == 0)
        {
            throw PveException.Die("no options specified");
        }

        var ep = ApiSchema.Instance.Get(c.Method, c.Template)!;
        foreach (var opt in deletes)
        {
            if (ep.Find(opt, out _) is null || QemuSpecialParams.Contains(opt))
            {
                throw PveException.Param("delete", $"unknown option '{opt}'");
            }

            if (settings.ContainsKey(opt))
            {
                throw PveException.Param("delete", $"you can't use '-{opt}' and '-delete {opt}' at the same time");
            }
        }

        if (settings.TryGetValue("balloon", out var balloon) && long.TryParse(balloon, CultureInfo.InvariantCulture, out var bal)
            && bal * 1024 * 1024 > (settings.TryGetValue("memory", out var m) && long.TryParse(m, CultureInfo.InvariantCulture, out var mm) ? mm * 1024 * 1024 : g.MaxMem))
        {
            throw PveException.Die("balloon value too large (must be smaller than assigned memory)");
        }

        void Apply()
        {
            if (digest is not null && digest != g.Digest())
            {
                throw PveException.Die(g.IsQemu ? "checksum mismatch (file change by other user?)" : "detected modified configuration - file changed by other user? Try again.");
            }

            if (!skiplock)
            {
                CheckLock(g);
            }

            foreach (var opt in deletes)
            {
                if (!g.Config.TryGetValue(opt, out var old))
                {
                    continue;
                }

                g.Config.Remove(opt);
                if (opt.StartsWith("unused", StringComparison.Ordinal))
                {
                    var (file, _) = ClusterState.ParseDrive(old);
                    s.Volumes.RemoveAll(v => v.Volid == file && v.Vmid == g.Vmid);
                }
                else if ((g.IsQemu && ClusterState.IsQemuDriveKey(opt)) || (!g.IsQemu && ClusterState.IsLxcVolumeKey(opt)))
                {
                    var (file, opts) = ClusterState.ParseDrive(old);
                    if (opts.GetValueOrDefault("media") != "cdrom" && file.Contains(':', StringComparison.Ordinal) && !file.Contains("cloudinit", StringComparison.Ordinal))
                    {
                        var idx = 0;
                        while (g.Config.ContainsKey($"unused{idx}"))
                        {
                            idx++;
                        }

                        g.Config[$"unused{idx}"] = file;
                    }
                }
            }

            foreach (var (k, v) in settings)
            {
                var value = v;
                if ((g.IsQemu && ClusterState.IsQemuDriveKey(k)) || (!g.IsQemu && ClusterState.IsLxcVolumeKey(k)))
                {
                    value = AllocateIfNew(s, g, c.Node, k, v, null);
                }
                else if (k.StartsWith("net", StringComparison.Ordinal))
                {
                    value = EnsureMac(s, g.IsQemu, g.Vmid, k, v);
                }

                g.Config[k] = value;
            }
        }

        if (!async)
        {
            Apply();
            return null;
        }

        return c.Task("qmconfig", Id(g.Vmid), _ =>
        {
            Still(s, g);
            try
            {
                Apply();
            }
            catch (PveException ex)
            {
                throw new TaskFailedException(ex.Message);
            }
        }, log: [$"update VM {g.Vmid}: " + string.Join(' ', settings.Select(kv => $"-{kv.Key} {kv.Value}").Concat(deletes.Count > 0 ? [$"-delete {string.Join(',', deletes)}"] : []))]);
    }

    /// <summary>Drive value "STORAGE:SIZE,opts" allocates a new volume; other values are kept (existing volumes must exist).</summary>
    internal static string AllocateIfNew(ClusterState s, SimGuest g, string node, string key, string value, string? defaultStorage)
    {
        var (file, opts) = ClusterState.ParseDrive(value);
        var isLxc = !g.IsQemu;
        if (opts.GetValueOrDefault("media") == "cdrom" || file is "none" or "cdrom" || file.StartsWith('/'))
        {
            return value;
        }

        var m = ClusterState.NewDiskRegex().Match(file);
        if (m.Success)
        {
            var storeid = m.Groups[2].Success && m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : defaultStorage;
            if (storeid is null)
            {
                throw PveException.Die("no storage ID specified (and no default storage)");
            }

            var st = s.Storage(storeid) ?? throw PveException.Die($"storage '{storeid}' does not exist");
            var content = isLxc ? "rootdir" : "images";
            if (!st.Content.Contains(content))
            {
                if (isLxc)
                {
                    throw PveException.Die($"storage '{storeid}' does not support container directories");
                }

                throw PveException.Param("storage", $"storage '{storeid}' does not support vm images");
            }

            var gib = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            var bytes = (long)(gib * 1024 * 1024 * 1024);
            if (key == "efidisk0")
            {
                bytes = 4 * 1024 * 1024;
            }
            else if (key == "tpmstate0")
            {
                bytes = 4 * 1024 * 1024;
            }

            var vol = s.AllocateDisk(st, node, g.Vmid, bytes, content);
            opts["size"] = ClusterState.FormatSize(bytes);
            return ClusterState.PrintDrive(vol.Volid, opts);
        }

        var colon = file.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            var storeid = file[..colon];
            var volname = file[(colon + 1)..];
            var st = s.Storage(storeid) ?? throw PveException.Die($"storage '{storeid}' does not exist");
            if (st.Type is "lvmthin" or "lvm" && !System.Text.RegularExpressions.Regex.IsMatch(volname, @"^(vm|base)-\d+-\S+$"))
            {
                throw PveException.Die($"unable to parse lvm volume name '{volname}'");
            }

            if (st.IsFileBased && !System.Text.RegularExpressions.Regex.IsMatch(volname, @"^(\d+/\S+|iso/.+|vztmpl/.+|backup/.+|snippets/.+|import/.+)$"))
            {
                throw PveException.Die($"unable to parse directory volume name '{volname}'");
            }

            if (s.FindVolume(file, node) is null && !volname.Contains("cloudinit", StringComparison.Ordinal))
            {
                throw PveException.Die($"volume '{file}' does not exist");
            }
        }

        return value;
    }

    internal static string EnsureMac(ClusterState s, bool qemu, int vmid, string key, string value)
    {
        var idx = int.TryParse(key.AsSpan(3), CultureInfo.InvariantCulture, out var i) ? i : 0;
        var mac = Det.Mac(s.Seed ^ (int)(s.UnixNow & 0xffff), vmid, idx);
        var parts = value.Split(',').ToList();
        if (qemu)
        {
            // model without MAC: "virtio" -> "virtio=MAC"; model=virtio -> add macaddr
            var models = new[] { "e1000", "e1000-82540em", "e1000-82544gc", "e1000-82545em", "e1000e", "i82551", "i82557b", "i82559er", "ne2k_isa", "ne2k_pci", "pcnet", "rtl8139", "virtio", "vmxnet3" };
            for (var p = 0; p < parts.Count; p++)
            {
                if (models.Contains(parts[p]))
                {
                    parts[p] = parts[p] + "=" + mac;
                    return string.Join(',', parts);
                }
            }

            if (parts.Any(p => p.StartsWith("model=", StringComparison.Ordinal)) && !parts.Any(p => p.StartsWith("macaddr=", StringComparison.Ordinal)))
            {
                var model = parts.First(p => p.StartsWith("model=", StringComparison.Ordinal))[6..];
                parts.RemoveAll(p => p.StartsWith("model=", StringComparison.Ordinal));
                parts.Insert(0, model + "=" + mac);
            }

            return string.Join(',', parts);
        }

        if (!parts.Any(p => p.StartsWith("hwaddr=", StringComparison.Ordinal)))
        {
            parts.Add("hwaddr=" + mac);
        }

        if (!parts.Any(p => p.StartsWith("type=", StringComparison.Ordinal)))
        {
            parts.Add("type=veth");
        }

        return string.Join(',', parts);
    }

    // ------------------------------------------------------------------ resize / template

    private static JsonNode Resize(ApiContext c)
    {
        var g = Load(c);
        var s = c.S;
        RootOnly(c, "skiplock");
        var skiplock = c.Flag("skiplock");
        var disk = c.Str("disk")!;
        var sizeStr = c.Str("size")!;
        var digest = c.Str("digest");
        var ext = sizeStr.StartsWith('+');
        var request = ClusterState.ParseSize(ext ? sizeStr[1..] : sizeStr) ?? throw PveException.Die("invalid size string");

        (SimVolume? Vol, long Size, long NewSize) Check()
        {
            if (digest is not null && digest != g.Digest())
            {
                throw PveException.Die(g.IsQemu ? "checksum mismatch (file change by other user?)" : "detected modified configuration - file changed by other user? Try again.");
            }

            if (!skiplock)
            {
                CheckLock(g);
            }

            if (!g.Config.TryGetValue(disk, out var value))
            {
                throw PveException.Die($"disk '{disk}' does not exist");
            }

            var (file, opts) = ClusterState.ParseDrive(value);
            if (opts.GetValueOrDefault("media") == "cdrom")
            {
                throw PveException.Die("you can't resize a cdrom");
            }

            var vol = s.FindVolume(file, g.Node);
            var size = vol?.Size ?? (opts.TryGetValue("size", out var sz) ? ClusterState.ParseSize(sz) ?? 0 : 0);
            var newSize = ext ? size + request : request;
            if (newSize < size)
            {
                throw PveException.Die(g.IsQemu ? "shrinking disks is not supported" : "unable to shrink disk size");
            }

            if (!g.IsQemu && newSize == size)
            {
                throw PveException.Die("disk is already at specified size");
            }

            return (vol, size, newSize);
        }

        if (!g.IsQemu)
        {
            Check();
        }

        return c.Task("resize", Id(g.Vmid), t =>
        {
            Still(s, g);
            (SimVolume? Vol, long Size, long NewSize) r;
            try
            {
                r = Check();
            }
            catch (PveException ex)
            {
                throw new TaskFailedException(ex.Message);
            }

            if (r.Size == r.NewSize)
            {
                return;
            }

            if (s.Storage(ClusterState.ParseDrive(g.Config[disk]).File.Split(':')[0]) is { Full: true } full)
            {
                throw new TaskFailedException(full.Type is "lvmthin" or "lvm"
                    ? $"command '/sbin/lvextend -L{r.NewSize / 1024}k {full.VgName ?? "pve"}/vm-{g.Vmid}-disk-0' failed: exit code 5"
                    : "qemu-img: Could not resize image: No space left on device");
            }

            if (r.Vol is not null)
            {
                r.Vol.Size = r.NewSize;
            }

            var (file, opts) = ClusterState.ParseDrive(g.Config[disk]);
            opts["size"] = ClusterState.FormatSize(r.NewSize);
            g.Config[disk] = ClusterState.PrintDrive(file, opts, g.IsQemu ? null : null);
            t.Log($"  Size of logical volume pve/{file.Split(':').Last()} changed from {ClusterState.FormatSize(r.Size)} to {ClusterState.FormatSize(r.NewSize)}.");
        });
    }

    private static JsonNode? Template(ApiContext c)
    {
        var g = Load(c);
        var s = c.S;
        CheckLock(g);
        if (g.Snapshots.Count > 0)
        {
            throw PveException.Die($"unable to create template, because {g.Kind} contains snapshots");
        }

        if (g.IsTemplate)
        {
            throw PveException.Die("you can't convert a template to a template");
        }

        if (g.Status != GuestStatus.Stopped)
        {
            throw PveException.Die(g.IsQemu ? "you can't convert a VM to template if VM is running" : "you can't convert a CT to template if the CT is running");
        }

        var upid = c.Task(g.IsQemu ? "qmtemplate" : "vztemplate", Id(g.Vmid), _ =>
        {
            Still(s, g);
            foreach (var key in g.Config.Keys.ToList())
            {
                if (!((g.IsQemu && ClusterState.IsQemuDriveKey(key)) || (!g.IsQemu && ClusterState.IsLxcVolumeKey(key))))
                {
                    continue;
                }

                var (file, opts) = ClusterState.ParseDrive(g.Config[key]);
                var prefix = $"vm-{g.Vmid}-disk-";
                if (!file.Contains(prefix, StringComparison.Ordinal))
                {
                    continue;
                }

                var newFile = file.Replace(prefix, $"base-{g.Vmid}-disk-", StringComparison.Ordinal);
                var vol = s.FindVolume(file, g.Node);
                if (vol is not null)
                {
                    vol.Volid = newFile;
                }

                g.Config[key] = ClusterState.PrintDrive(newFile, opts);
            }

            g.Config["template"] = "1";
        });
        return g.IsQemu ? upid : null;
    }

    // ------------------------------------------------------------------ rrd

    private static JsonNode GuestRrd(ApiContext c)
    {
        var g = Load(c);
        var s = c.S;
        var (step, points) = Timeframe(c.Str("timeframe")!);
        var max = c.Str("cf") == "MAX";
        var arr = new JsonArray();
        var end = s.UnixNow / step * step;
        var up = g.Status != GuestStatus.Stopped;
        for (var i = points - 1; i >= 0; i--)
        {
            var t = end - ((long)i * step);
            var alive = up && g.StartedAt is { } st && t >= st.ToUnixTimeSeconds();
            var e = J.Obj().Set("time", t).Set("maxcpu", g.MaxCpu).Set("maxmem", g.MaxMem).Set("maxdisk", Metrics.MaxDisk(g))
                .Set("disk", Metrics.DiskUsed(s, g));
            var cpu = alive ? g.CpuLoad * (0.6 + (0.8 * Det.Unit(s.Seed, g.Vmid, t, 51))) * (max ? 1.25 : 1) : 0;
            e.Set("cpu", Math.Round(Math.Min(1, cpu), 6))
                .Set("mem", alive ? (long)(g.MaxMem * Math.Min(0.98, g.MemFraction * (0.9 + (0.2 * Det.Unit(s.Seed, g.Vmid, t, 52))))) : 0)
                .Set("netin", alive ? Math.Round(2_000 + (Det.Unit(s.Seed, g.Vmid, t, 53) * 80_000), 2) : 0)
                .Set("netout", alive ? Math.Round(1_000 + (Det.Unit(s.Seed, g.Vmid, t, 54) * 40_000), 2) : 0)
                .Set("diskread", alive ? Math.Round(Det.Unit(s.Seed, g.Vmid, t, 55) * 200_000, 2) : 0)
                .Set("diskwrite", alive ? Math.Round(Det.Unit(s.Seed, g.Vmid, t, 56) * 300_000, 2) : 0);
            if (g.IsQemu)
            {
                e.Set("memhost", alive ? (long)(g.MaxMem * g.MemFraction) : 0);
            }

            arr.Push(e);
        }

        return arr;
    }

    // ------------------------------------------------------------------ snapshots

    private static JsonNode SnapshotList(ApiContext c)
    {
        var g = Load(c);
        var arr = new JsonArray();
        foreach (var sn in g.Snapshots.Values.OrderBy(x => x.Snaptime))
        {
            var e = J.Obj().Set("name", sn.Name).Set("snaptime", sn.Snaptime);
            if (g.IsQemu)
            {
                e.Bool("vmstate", sn.Vmstate);
            }

            e.Set("description", sn.Description).Set("parent", sn.Parent);
            arr.Push(e);
        }

        arr.Push(J.Obj().Set("name", "current").Set("digest", g.Digest()).Bool("running", g.Status != GuestStatus.Stopped)
            .Set("description", "You are here!").Set("parent", g.Parent));
        return arr;
    }

    private static JsonNode SnapshotCreate(ApiContext c)
    {
        var g = Load(c);
        var s = c.S;
        var name = c.Str("snapname")!;
        if (name is "current" or "pending")
        {
            throw PveException.Die($"unable to use snapshot name '{name}' (reserved name)");
        }

        var vmstate = g.IsQemu && c.Flag("vmstate") && g.Status != GuestStatus.Stopped;
        var description = c.Str("description") ?? "";
        string? prepare = null;
        if (g.IsTemplate)
        {
            prepare = "you can't take a snapshot if it's a template";
        }
        else if (LockError(g) is { } err)
        {
            prepare = err;
        }
        else if (g.Snapshots.ContainsKey(name))
        {
            prepare = $"snapshot name '{name}' already used";
        }

        var disks = g.Config.Where(kv => (g.IsQemu ? ClusterState.IsQemuDriveKey(kv.Key) : ClusterState.IsLxcVolumeKey(kv.Key))
            && !kv.Value.Contains("media=cdrom", StringComparison.Ordinal)).ToList();
        var log = new List<string>();
        if (vmstate)
        {
            log.Add("saving VM state and RAM using storage 'local-lvm'");
            log.Add("completed saving the VM state in 4s, saved 1.12 GiB");
        }

        foreach (var (k, v) in disks)
        {
            var file = ClusterState.ParseDrive(v).File;
            log.Add($"snapshotting '{(g.IsQemu ? "drive-" + k : k)}' ({file})");
            log.Add($"  Logical volume \"snap_{file.Split(':').Last()}_{name}\" created.");
        }

        return LockedTask(c, g, g.IsQemu ? "qmsnapshot" : "vzsnapshot", "snapshot", prepare, _ =>
        {
            Still(s, g);
            var cfg = new SortedDictionary<string, string>(g.Config, StringComparer.Ordinal);
            cfg.Remove("lock");
            if (vmstate)
            {
                cfg["vmstate"] = $"local-lvm:vm-{g.Vmid}-state-{name}";
                cfg["runningmachine"] = "pc-i440fx-9.2+pve1";
            }

            g.Snapshots[name] = new SimSnapshot
            {
                Name = name,
                Parent = g.Parent,
                Snaptime = s.UnixNow,
                Description = description,
                Vmstate = vmstate,
                WasRunning = g.Status != GuestStatus.Stopped,
                Config = cfg,
            };
            g.Parent = name;
        }, log);
    }

    private static SimSnapshot GetSnapshot(SimGuest g, string name) =>
        g.Snapshots.TryGetValue(name, out var sn) ? sn : throw PveException.Die($"snapshot '{name}' does not exist");

    private static JsonNode SnapshotConfig(ApiContext c)
    {
        var g = Load(c);
        return SnapshotConfigJson(g, GetSnapshot(g, c.Str("snapname")!));
    }

    private static JsonNode? SnapshotUpdate(ApiContext c)
    {
        var g = Load(c);
        var sn = GetSnapshot(g, c.Str("snapname")!);
        if (c.Str("description") is { } d)
        {
            sn.Description = d;
        }

        return null;
    }

    private static JsonNode SnapshotDelete(ApiContext c)
    {
        var g = Load(c);
        var s = c.S;
        var name = c.Str("snapname")!;
        var force = c.Flag("force");
        string? prepare = null;
        if (!g.Snapshots.ContainsKey(name))
        {
            prepare = $"snapshot '{name}' does not exist";
        }
        else if (g.IsTemplate)
        {
            prepare = "you can't delete a snapshot if vm is a template";
        }
        else if (!force && LockError(g) is { } err)
        {
            prepare = err;
        }

        return LockedTask(c, g, g.IsQemu ? "qmdelsnapshot" : "vzdelsnapshot", "snapshot-delete", prepare, _ =>
        {
            Still(s, g);
            if (!g.Snapshots.Remove(name, out var sn))
            {
                throw new TaskFailedException($"snapshot '{name}' does not exist");
            }

            foreach (var child in g.Snapshots.Values.Where(x => x.Parent == name))
            {
                child.Parent = sn.Parent;
            }

            if (g.Parent == name)
            {
                g.Parent = sn.Parent;
            }
        });
    }

    private static JsonNode SnapshotRollback(ApiContext c)
    {
        var g = Load(c);
        var s = c.S;
        var name = c.Str("snapname")!;
        var start = c.Flag("start");
        string? prepare = null;
        if (g.IsTemplate)
        {
            prepare = "you can't rollback if vm is a template";
        }
        else if (!g.Snapshots.ContainsKey(name))
        {
            prepare = $"snapshot '{name}' does not exist";
        }
        else if (LockError(g) is { } err)
        {
            prepare = err;
        }

        var log = new List<string>();
        if (prepare is null && g.Status != GuestStatus.Stopped)
        {
            // __snapshot_rollback_vm_stop: the guest is stopped first
            s.SetGuestRunning(g, false);
        }

        return LockedTask(c, g, g.IsQemu ? "qmrollback" : "vzrollback", "rollback", prepare, t =>
        {
            Still(s, g);
            var sn = GetSnapshot(g, name);
            var cfg = new SortedDictionary<string, string>(sn.Config, StringComparer.Ordinal);
            cfg.Remove("vmstate");
            cfg.Remove("runningmachine");
            cfg.Remove("runningcpu");
            cfg["lock"] = "rollback";
            g.Config = cfg;
            g.Parent = name;
            if (sn.Vmstate || start)
            {
                s.SetGuestRunning(g, true);
                if (sn.Vmstate)
                {
                    t.Log("resuming VM from saved RAM state");
                }
            }
        }, log);
    }
}
