using System.Globalization;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

internal static partial class Router
{
    private static readonly HashSet<string> VmCreateSpecial = new(StringComparer.Ordinal)
    {
        "node", "vmid", "archive", "force", "storage", "pool", "start", "unique", "live-restore", "bwlimit", "import-working-storage", "ha-managed",
    };

    private static readonly HashSet<string> CtCreateSpecial = new(StringComparer.Ordinal)
    {
        "node", "vmid", "ostemplate", "force", "storage", "pool", "start", "restore", "password", "ssh-public-keys", "ignore-unpack-errors", "bwlimit", "unique", "ha-managed",
    };

    private static void CheckPoolExists(ApiContext c, string? pool)
    {
        if (pool is not null && !c.S.Pools.ContainsKey(pool))
        {
            throw PveException.Die($"pool '{pool}' does not exist");
        }
    }

    private static void CheckAllocate(ApiContext c, int vmid, string? pool, bool restoreExisting)
    {
        if (c.Can($"/vms/{vmid}", "VM.Allocate") || (pool is not null && c.Can($"/pool/{pool}", "VM.Allocate"))
            || (restoreExisting && c.Can($"/vms/{vmid}", "VM.Backup")))
        {
            return;
        }

        throw PveException.Perm();
    }

    private static SimVolume FindBackup(ApiContext c, string archive, GuestType type)
    {
        var vol = c.S.FindVolume(archive, c.Node);
        if (vol is null || vol.Content != "backup")
        {
            if (vol is not null && type == GuestType.Lxc && vol.Content == "vztmpl")
            {
                return vol;
            }

            throw PveException.Die($"volume '{archive}' does not exist");
        }

        return vol;
    }

    private static JsonNode CreateVm(ApiContext c)
    {
        var s = c.S;
        var vmid = c.Vmid;
        var archive = c.Str("archive");
        var force = c.Flag("force");
        var storage = c.Str("storage");
        var pool = c.Str("pool");
        var start = c.Flag("start");
        var unique = c.Flag("unique");
        var isRestore = archive is not null;
        CheckPoolExists(c, pool);
        if (storage is not null)
        {
            c.Check($"/storage/{storage}", "Datastore.AllocateSpace");
        }

        if (start)
        {
            c.Check($"/vms/{vmid}", "VM.PowerMgmt");
        }

        var existing = s.FindGuest(vmid);
        CheckAllocate(c, vmid, pool, isRestore && force && existing is not null);
        var settings = c.Params.Where(kv => !VmCreateSpecial.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        SimVolume? backup = null;
        if (isRestore)
        {
            foreach (var k in settings.Keys.Order(StringComparer.Ordinal))
            {
                if (ClusterState.IsQemuDriveKey(k))
                {
                    throw PveException.Param(k, "option conflicts with option 'archive'");
                }
            }

            backup = FindBackup(c, archive!, GuestType.Qemu);
            if (backup.BackupType != GuestType.Qemu)
            {
                throw PveException.Die("unable to restore VM - archive is not a qemu backup");
            }

            c.Check($"/storage/{backup.Storage}", "Datastore.AllocateSpace");
        }

        var emsg = isRestore ? $"unable to restore VM {vmid} -" : $"unable to create VM {vmid} -";

        // early drive checks (check_storage_access)
        foreach (var (k, v) in settings)
        {
            if (!ClusterState.IsQemuDriveKey(k))
            {
                continue;
            }

            var (file, opts) = ClusterState.ParseDrive(v);
            if (opts.GetValueOrDefault("media") == "cdrom" || file is "none" or "cdrom" or "")
            {
                continue;
            }

            var m = ClusterState.NewDiskRegex().Match(file);
            if (m.Success)
            {
                var storeid = m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : storage;
                if (storeid is null)
                {
                    throw PveException.Die("no storage ID specified (and no default storage)");
                }

                c.Check($"/storage/{storeid}", "Datastore.AllocateSpace");
                var st = s.Storage(storeid) ?? throw PveException.Die($"storage '{storeid}' does not exist");
                if (!st.Content.Contains("images"))
                {
                    throw PveException.Param("storage", $"storage '{storeid}' does not support vm images");
                }
            }
            else
            {
                var colon = file.IndexOf(':', StringComparison.Ordinal);
                var st = colon > 0 ? s.Storage(file[..colon]) : null;
                if (colon > 0 && st is null)
                {
                    throw PveException.Die($"storage '{file[..colon]}' does not exist");
                }

                var volname = colon > 0 ? file[(colon + 1)..] : file;
                if (st is { Type: "lvmthin" } && !System.Text.RegularExpressions.Regex.IsMatch(volname, @"^(vm|base)-\d+-\S+$"))
                {
                    throw PveException.Die($"unable to parse lvm volume name '{volname}'");
                }

                if (st is { IsFileBased: true } && !System.Text.RegularExpressions.Regex.IsMatch(volname, @"^(\d+/\S+|iso/.+|vztmpl/.+|backup/.+|snippets/.+|import/.+)$"))
                {
                    throw PveException.Die($"unable to parse directory volume name '{volname}'");
                }
            }
        }

        // create_and_lock_config
        if (existing is not null)
        {
            if (!(isRestore && force))
            {
                throw PveException.Die($"{emsg} {existing.Kind} {vmid} already exists on node '{existing.Node}'");
            }

            if (existing.Type != GuestType.Qemu || existing.Node != c.Node)
            {
                throw PveException.Die($"{emsg} Configuration file 'nodes/{c.Node}/qemu-server/{vmid}.conf' does not exist");
            }

            if (LockError(existing) is { } lockErr)
            {
                throw PveException.Die($"{emsg} {lockErr}");
            }
        }

        SimGuest g;
        if (existing is not null)
        {
            g = existing;
            g.Lock = "create";
        }
        else
        {
            g = NewGuest(s, vmid, GuestType.Qemu, c.Node);
            g.Config["lock"] = "create";
            s.Guests[vmid] = g;
        }

        var log = new List<string>();
        if (isRestore)
        {
            log.Add($"restore vma archive: zstd -q -d -c {backup!.Volid} | vma extract -v -r /var/tmp/vzdumptmp.fifo - /var/tmp/vzdumptmp");
            log.Add("CFG: size: 612 name: qemu-server.conf");
        }

        var created = false;
        return c.Task(isRestore ? "qmrestore" : "qmcreate", Id(vmid), t =>
        {
            if (!ReferenceEquals(s.FindGuest(vmid), g))
            {
                throw new TaskFailedException($"{emsg} Configuration file 'nodes/{c.Node}/qemu-server/{vmid}.conf' does not exist");
            }

            if (isRestore && existing is not null)
            {
                if (existing.IsProtected)
                {
                    throw new TaskFailedException($"{emsg} protection mode enabled");
                }

                if (existing.Status != GuestStatus.Stopped)
                {
                    throw new TaskFailedException($"{emsg} vm is running");
                }

                s.Volumes.RemoveAll(v => v.Vmid == vmid && v.Content is "images" or "rootdir");
                g.Snapshots.Clear();
                g.Parent = null;
            }

            var cfg = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (isRestore)
            {
                foreach (var (k, v) in backup!.BackupConfig!)
                {
                    cfg[k] = v;
                }

                cfg.Remove("lock");
                foreach (var k in cfg.Keys.Where(ClusterState.IsQemuDriveKey).ToList())
                {
                    var (file, opts) = ClusterState.ParseDrive(cfg[k]);
                    if (opts.GetValueOrDefault("media") == "cdrom" || !file.Contains(':', StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var size = opts.TryGetValue("size", out var sz) ? ClusterState.ParseSize(sz) ?? (32L << 30) : 32L << 30;
                    var st = s.Storage(storage ?? file.Split(':')[0]) ?? s.Storage("local-lvm")!;
                    var vol = s.AllocateDisk(st, c.Node, vmid, size, "images");
                    t.Log($"new volume ID is '{vol.Volid}'");
                    cfg[k] = ClusterState.PrintDrive(vol.Volid, opts);
                }

                if (unique)
                {
                    foreach (var k in cfg.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal)).ToList())
                    {
                        cfg[k] = System.Text.RegularExpressions.Regex.Replace(cfg[k], "([a-z0-9]+)=[0-9A-Fa-f:]{17}", m => m.Groups[1].Value);
                        cfg[k] = EnsureMac(s, true, vmid, k, cfg[k]);
                    }
                }

                t.Log($"restore of '{backup.Volid}' successful");
            }

            foreach (var (k, v) in settings)
            {
                if (ClusterState.IsQemuDriveKey(k))
                {
                    try
                    {
                        var value = AllocateIfNew(s, g, c.Node, k, v, storage);
                        if (value != v)
                        {
                            t.Log($"  Logical volume \"{ClusterState.ParseDrive(value).File.Split(':').Last()}\" created.");
                        }

                        cfg[k] = value;
                    }
                    catch (PveException ex)
                    {
                        throw new TaskFailedException($"{emsg} {ex.Message}");
                    }
                }
                else if (k.StartsWith("net", StringComparison.Ordinal) && !k.StartsWith("nets", StringComparison.Ordinal))
                {
                    cfg[k] = EnsureMac(s, true, vmid, k, v);
                }
                else
                {
                    cfg[k] = v;
                }
            }

            if (!isRestore)
            {
                cfg.TryAdd("meta", $"creation-qemu=9.2.0,ctime={s.UnixNow}");
                cfg.TryAdd("smbios1", $"uuid={Det.Uuid(s.Seed, vmid, s.UnixNow)}");
                cfg.TryAdd("vmgenid", Det.Uuid(s.Seed, vmid, s.UnixNow + 1));
                if (!cfg.ContainsKey("boot"))
                {
                    var devs = cfg.Keys.Where(k => ClusterState.IsQemuDriveKey(k) || (k.StartsWith("net", StringComparison.Ordinal) && char.IsDigit(k[^1])))
                        .Where(k => k != "efidisk0" && k != "tpmstate0").Order(StringComparer.Ordinal).ToList();
                    if (devs.Count > 0)
                    {
                        cfg["boot"] = "order=" + string.Join(';', devs);
                    }
                }
            }

            if (cfg.TryGetValue("template", out var tmpl) && tmpl == "1")
            {
                t.Warn("Convert to template.");
            }

            g.Config = cfg;
            if (pool is not null && s.Pools.TryGetValue(pool, out var p))
            {
                p.Vms.Add(vmid);
                g.Pool = pool;
            }

            created = true;
            if (start)
            {
                t.Log("Execute autostart");
                s.SetGuestRunning(g, true);
            }
        }, ok =>
        {
            if (!ok && !created && existing is null && ReferenceEquals(s.FindGuest(vmid), g))
            {
                s.Guests.Remove(vmid);
                s.Volumes.RemoveAll(v => v.Vmid == vmid && v.Content is "images" or "rootdir");
            }
            else if (!ok && existing is not null)
            {
                g.Lock = null;
            }
        }, log);
    }

    internal static SimGuest NewGuest(ClusterState s, int vmid, GuestType type, string node) => new()
    {
        Vmid = vmid,
        Type = type,
        Node = node,
        Status = GuestStatus.Stopped,
        CpuLoad = 0.01 + (Det.Unit(s.Seed, vmid, 21) * 0.35),
        MemFraction = 0.25 + (Det.Unit(s.Seed, vmid, 22) * 0.6),
        TrafficSeed = (long)(Det.Hash(s.Seed, vmid, 23) % 1_000_000_000),
    };

    private static JsonNode CreateCt(ApiContext c)
    {
        var s = c.S;
        var vmid = c.Vmid;
        var ostemplate = c.Str("ostemplate")!;
        var restore = c.Flag("restore");
        var force = c.Flag("force");
        var storage = c.Str("storage") ?? "local";
        var pool = c.Str("pool");
        var start = c.Flag("start");
        var existing = s.FindGuest(vmid);
        var sameExists = existing is not null && existing.Type == GuestType.Lxc && existing.Node == c.Node;
        if (!(sameExists && restore && force))
        {
            if (existing is not null)
            {
                throw PveException.Die($"{existing.Kind} {vmid} already exists on node '{existing.Node}'");
            }
        }
        else
        {
            if (existing!.Status != GuestStatus.Stopped)
            {
                throw PveException.Die("can't overwrite running container");
            }

            if (existing.IsProtected)
            {
                throw PveException.Die($"unable to restore CT {vmid} - protection mode enabled");
            }
        }

        CheckPoolExists(c, pool);
        CheckAllocate(c, vmid, pool, restore && force && existing is not null);
        var vol = FindBackup(c, ostemplate, GuestType.Lxc);
        if (restore && vol.Content != "backup")
        {
            throw PveException.Die($"unable to restore CT {vmid} - '{ostemplate}' is not a backup archive");
        }

        if (!restore && vol.Content != "vztmpl")
        {
            throw PveException.Die($"unable to create CT {vmid} - '{ostemplate}' is not a container template");
        }

        if (restore && vol.BackupType != GuestType.Lxc)
        {
            throw PveException.Die($"unable to restore CT {vmid} - archive is not a container backup");
        }

        var settings = c.Params.Where(kv => !CtCreateSpecial.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var emsg = restore ? $"unable to restore CT {vmid} -" : $"unable to create CT {vmid} -";
        if (!settings.ContainsKey("rootfs") && !restore)
        {
            var st = s.Storage(storage) ?? throw PveException.Die($"storage '{storage}' does not exist");
            if (!st.Content.Contains("rootdir"))
            {
                throw PveException.Die($"storage '{storage}' does not support CT rootdirs");
            }

            settings["rootfs"] = $"{storage}:4";
        }

        foreach (var (k, v) in settings.Where(kv => ClusterState.IsLxcVolumeKey(kv.Key)).ToList())
        {
            var (file, _) = ClusterState.ParseDrive(v);
            var m = ClusterState.NewDiskRegex().Match(file);
            if (m.Success)
            {
                var storeid = m.Groups[2].Value.Length > 0 ? m.Groups[2].Value : storage;
                var st = s.Storage(storeid) ?? throw PveException.Die($"storage '{storeid}' does not exist");
                c.Check($"/storage/{storeid}", "Datastore.AllocateSpace");
                if (!st.Content.Contains("rootdir"))
                {
                    throw PveException.Die($"storage '{storeid}' does not support CT rootdirs");
                }
            }
        }

        SimGuest g;
        if (sameExists && restore && force)
        {
            g = existing!;
            CheckLock(g);
            g.Lock = "create";
        }
        else
        {
            g = NewGuest(s, vmid, GuestType.Lxc, c.Node);
            g.Config["lock"] = "create";
            s.Guests[vmid] = g;
        }

        var log = restore
            ? new List<string> { $"recovering backed-up configuration from '{ostemplate}'", "restoring '" + ostemplate + "' now..", "Total bytes read: 812001280 (775MiB, 152MiB/s)" }
            : [$"extracting archive '/var/lib/vz/template/cache/{ostemplate.Split('/').Last()}'", "Total bytes read: 519884800 (496MiB, 94MiB/s)", "Detected container architecture: amd64", "Creating SSH host key 'ssh_host_ed25519_key' - this may take some time ..."];
        var done = false;
        return c.Task(restore ? "vzrestore" : "vzcreate", Id(vmid), t =>
        {
            if (!ReferenceEquals(s.FindGuest(vmid), g))
            {
                throw new TaskFailedException($"{emsg} Configuration file 'nodes/{c.Node}/lxc/{vmid}.conf' does not exist");
            }

            var cfg = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (restore)
            {
                s.Volumes.RemoveAll(v => v.Vmid == vmid && v.Content is "images" or "rootdir");
                foreach (var (k, v) in vol.BackupConfig!)
                {
                    cfg[k] = v;
                }

                cfg.Remove("lock");
                foreach (var k in cfg.Keys.Where(ClusterState.IsLxcVolumeKey).ToList())
                {
                    if (settings.ContainsKey(k))
                    {
                        continue;
                    }

                    var (file, opts) = ClusterState.ParseDrive(cfg[k]);
                    var size = opts.TryGetValue("size", out var sz) ? ClusterState.ParseSize(sz) ?? (8L << 30) : 8L << 30;
                    var st = s.Storage(c.Str("storage") ?? file.Split(':')[0]) ?? s.Storage("local-lvm")!;
                    if (!st.Content.Contains("rootdir"))
                    {
                        throw new TaskFailedException($"{emsg} storage '{st.Id}' does not support CT rootdirs");
                    }

                    var nv = s.AllocateDisk(st, c.Node, vmid, size, "rootdir");
                    cfg[k] = ClusterState.PrintDrive(nv.Volid, opts);
                }
            }
            else
            {
                cfg["arch"] = "amd64";
                cfg["ostype"] = ostemplate.Contains("ubuntu", StringComparison.Ordinal) ? "ubuntu" : ostemplate.Contains("alpine", StringComparison.Ordinal) ? "alpine" : "debian";
                cfg["hostname"] = $"CT{vmid}";
                cfg["memory"] = "512";
                cfg["swap"] = "512";
            }

            foreach (var (k, v) in settings)
            {
                try
                {
                    cfg[k] = ClusterState.IsLxcVolumeKey(k) ? AllocateIfNew(s, g, c.Node, k, v, storage)
                        : k.StartsWith("net", StringComparison.Ordinal) ? EnsureMac(s, false, vmid, k, v) : v;
                }
                catch (PveException ex)
                {
                    throw new TaskFailedException($"{emsg} {ex.Message}");
                }
            }

            g.Config = cfg;
            if (pool is not null && s.Pools.TryGetValue(pool, out var p))
            {
                p.Vms.Add(vmid);
                g.Pool = pool;
            }

            done = true;
            if (start)
            {
                s.SetGuestRunning(g, true);
            }
        }, ok =>
        {
            if (!ok && !done && !(sameExists && restore && force) && ReferenceEquals(s.FindGuest(vmid), g))
            {
                s.Guests.Remove(vmid);
                s.Volumes.RemoveAll(v => v.Vmid == vmid && v.Content is "images" or "rootdir");
            }
            else if (!ok)
            {
                g.Lock = null;
            }
        }, log);
    }

    // ------------------------------------------------------------------ clone

    private static JsonNode CloneGuest(ApiContext c)
    {
        var s = c.S;
        var src = Load(c);
        var newid = int.Parse(c.Str("newid")!, CultureInfo.InvariantCulture);
        var pool = c.Str("pool");
        var snapname = c.Str("snapname");
        var storage = c.Str("storage");
        var target = c.Str("target");
        if (target == c.Node || target == "localhost")
        {
            target = null;
        }

        CheckPoolExists(c, pool);
        if (target is not null && !s.NodeByName.ContainsKey(target))
        {
            throw PveException.Die($"no such cluster node '{target}'");
        }

        SimStorage? st = null;
        if (storage is not null)
        {
            st = s.Storage(storage) ?? throw PveException.Die($"storage '{storage}' does not exist");
            var content = src.IsQemu ? "images" : "rootdir";
            if (!st.Content.Contains(content))
            {
                throw src.IsQemu ? PveException.Param("storage", $"storage '{storage}' does not support vm images") : PveException.Die($"storage '{storage}' does not support CT rootdirs");
            }

            if (target is not null && !st.Shared)
            {
                throw PveException.Die($"can't clone to non-shared storage '{storage}'");
            }
        }

        CheckLock(src);
        if (snapname is not null && !src.Snapshots.ContainsKey(snapname))
        {
            throw PveException.Die($"snapshot '{snapname}' does not exist");
        }

        var full = c.Has("full") ? c.Flag("full") : !src.IsTemplate;
        if (storage is not null && !full)
        {
            throw PveException.Die("parameter 'storage' not allowed for linked clones");
        }

        if (c.Has("format") && !full)
        {
            throw PveException.Die("parameter 'format' not allowed for linked clones");
        }

        var oldconf = snapname is null ? src.Config : src.Snapshots[snapname].Config;
        var disks = oldconf.Where(kv => (src.IsQemu ? ClusterState.IsQemuDriveKey(kv.Key) : ClusterState.IsLxcVolumeKey(kv.Key))
            && kv.Value.Contains(':', StringComparison.Ordinal) && !kv.Value.Contains("media=cdrom", StringComparison.Ordinal)).ToList();
        if (!src.IsQemu && full && src.Status != GuestStatus.Stopped && snapname is null)
        {
            throw PveException.Die("Full clone of a running container is only possible from a snapshot (or with the container stopped)");
        }

        if (!full)
        {
            foreach (var (k, v) in disks)
            {
                var file = ClusterState.ParseDrive(v).File;
                if (!file.Contains(":base-", StringComparison.Ordinal) || snapname is not null)
                {
                    throw PveException.Die(src.IsQemu
                        ? $"Linked clone feature is not supported for {(snapname is null ? "" : "a snapshot of ")}'{file}' ({k})"
                        : $"Linked clone feature for '{file}' is not available");
                }
            }
        }

        var sharedvm = st?.Shared ?? disks.All(kv => s.Storage(ClusterState.ParseDrive(kv.Value).File.Split(':')[0])?.Shared == true);
        if (target is not null && !sharedvm)
        {
            throw PveException.Die($"can't clone {src.Kind} to node '{target}' ({src.Kind} uses local storage)");
        }

        if (s.Guests.ContainsKey(newid))
        {
            throw PveException.Die(src.IsQemu ? $"unable to create VM {newid}: config file already exists" : $"CT {newid} already exists on node '{s.Guests[newid].Node}'");
        }

        var clone = NewGuest(s, newid, src.Type, c.Node);
        clone.AgentInstalled = src.AgentInstalled;
        clone.Config["lock"] = "clone";
        s.Guests[newid] = clone;
        var log = new List<string>();
        foreach (var (k, v) in disks)
        {
            var file = ClusterState.ParseDrive(v).File;
            log.Add(full ? $"create full clone of drive {k} ({file})" : $"create linked clone of drive {k} ({file})");
            if (full)
            {
                log.Add("transferred 0.0 B of 32.0 GiB (0.00%)");
                log.Add("transferred 16.0 GiB of 32.0 GiB (50.00%)");
                log.Add("transferred 32.0 GiB of 32.0 GiB (100.00%)");
            }
        }

        var name = c.Str(src.IsQemu ? "name" : "hostname");
        var description = c.Str("description");
        var ok = false;
        return c.Task(src.IsQemu ? "qmclone" : "vzclone", Id(src.Vmid), t =>
        {
            Still(s, src);
            var cfg = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in oldconf)
            {
                if (k is "lock" or "template" or "vmstate" or "runningmachine" or "runningcpu" or "snaptime" || k.StartsWith("unused", StringComparison.Ordinal))
                {
                    continue;
                }

                cfg[k] = v;
            }

            foreach (var (k, v) in disks)
            {
                var (file, opts) = ClusterState.ParseDrive(v);
                var srcVol = s.FindVolume(file, src.Node) ?? s.Volumes.Find(x => x.Volid == file);
                var size = srcVol?.Size ?? (opts.TryGetValue("size", out var sz) ? ClusterState.ParseSize(sz) ?? (8L << 30) : 8L << 30);
                if (full)
                {
                    var targetStorage = st ?? s.Storage(file.Split(':')[0]) ?? s.Storage("local-lvm")!;
                    var nv = s.AllocateDisk(targetStorage, target ?? c.Node, newid, size, src.IsQemu ? "images" : "rootdir");
                    cfg[k] = ClusterState.PrintDrive(nv.Volid, opts);
                }
                else
                {
                    var baseName = file.Split(':')[1];
                    var storeid = file.Split(':')[0];
                    var nv = s.AllocateDisk(s.Storage(storeid)!, c.Node, newid, size, src.IsQemu ? "images" : "rootdir");
                    nv.Parent = baseName;
                    nv.Volid = $"{storeid}:{baseName}/{nv.VolName}";
                    cfg[k] = ClusterState.PrintDrive(nv.Volid, opts);
                }
            }

            foreach (var k in cfg.Keys.Where(k => k.StartsWith("net", StringComparison.Ordinal) && char.IsDigit(k[^1])).ToList())
            {
                var stripped = src.IsQemu
                    ? System.Text.RegularExpressions.Regex.Replace(cfg[k], "([a-z0-9]+)=[0-9A-Fa-f:]{17}", m => m.Groups[1].Value)
                    : System.Text.RegularExpressions.Regex.Replace(cfg[k], ",?hwaddr=[0-9A-Fa-f:]{17}", "");
                cfg[k] = EnsureMac(s, src.IsQemu, newid, k, stripped);
            }

            if (src.IsQemu)
            {
                cfg["name"] = name ?? $"Copy-of-VM-{src.Name}";
                if (cfg.ContainsKey("smbios1"))
                {
                    cfg["smbios1"] = $"uuid={Det.Uuid(s.Seed, newid, s.UnixNow)}";
                }

                if (cfg.ContainsKey("vmgenid"))
                {
                    cfg["vmgenid"] = Det.Uuid(s.Seed, newid, s.UnixNow + 1);
                }
            }
            else
            {
                cfg["hostname"] = name ?? $"Copy-of-CT-{src.Name}";
            }

            if (description is not null)
            {
                cfg["description"] = description;
            }

            cfg["lock"] = "clone";
            clone.Config = cfg;
            if (target is not null)
            {
                clone.Node = target;
                foreach (var v in s.Volumes.Where(v => v.Vmid == newid && v.Node is not null))
                {
                    v.Node = target;
                }
            }

            if (pool is not null && s.Pools.TryGetValue(pool, out var p))
            {
                p.Vms.Add(newid);
                clone.Pool = pool;
            }

            ok = true;
        }, success =>
        {
            if (!success && !ok && ReferenceEquals(s.FindGuest(newid), clone))
            {
                s.Guests.Remove(newid);
                s.Volumes.RemoveAll(v => v.Vmid == newid && v.Content is "images" or "rootdir");
            }
            else if (clone.Lock == "clone")
            {
                clone.Lock = null;
            }
        }, log);
    }

    // ------------------------------------------------------------------ migrate

    private static JsonNode MigrateGuest(ApiContext c)
    {
        var s = c.S;
        var target = c.Str("target")!;
        if (target == c.Node)
        {
            throw PveException.Param("target", "target is local node.");
        }

        if (!s.NodeByName.TryGetValue(target, out var targetNode))
        {
            throw PveException.Die($"no such cluster node '{target}'");
        }

        RootOnly(c, "force");
        RootOnly(c, "migration_type");
        RootOnly(c, "migration_network");
        var g = Load(c);
        var online = c.Flag("online");
        var restart = c.Flag("restart");
        if (g.IsQemu)
        {
            CheckLock(g);
            if (g.Status != GuestStatus.Stopped && !online)
            {
                throw PveException.Die("can't migrate running VM without --online");
            }
        }
        else if (g.Status != GuestStatus.Stopped && !online && !restart)
        {
            throw PveException.Die("can't migrate running container without --online or --restart");
        }

        var wasRunning = g.Status != GuestStatus.Stopped;
        var withLocalDisks = c.Flag("with-local-disks");
        var localDisks = g.Config.Where(kv => (g.IsQemu ? ClusterState.IsQemuDriveKey(kv.Key) : ClusterState.IsLxcVolumeKey(kv.Key))
            && !kv.Value.Contains("media=cdrom", StringComparison.Ordinal) && kv.Value.Contains(':', StringComparison.Ordinal)
            && s.Storage(ClusterState.ParseDrive(kv.Value).File.Split(':')[0]) is { Shared: false }).ToList();
        var source = c.Node;
        var started = s.Now;
        var log = new List<string>
        {
            $"starting migration of {g.Kind} {g.Vmid} to node '{target}' ({targetNode.Ip})",
        };
        log.AddRange(localDisks.Select(kv => $"found local disk '{ClusterState.ParseDrive(kv.Value).File}' (attached)"));
        if (g.IsQemu && wasRunning)
        {
            log.Add($"starting VM {g.Vmid} on remote node '{target}'");
            log.Add("migration active, transferred 512.0 MiB of 4.0 GiB VM-state, 1.1 GiB/s");
        }

        string? prepare = null;
        if (g.IsQemu && wasRunning && localDisks.Count > 0 && !withLocalDisks)
        {
            prepare = "migration aborted (duration 00:00:00): can't live migrate attached local disks without with-local-disks option";
        }
        else if (!g.IsQemu && wasRunning && online && !restart)
        {
            prepare = "migration aborted (duration 00:00:00): lxc live migration is currently not implemented";
        }
        else if (!g.IsQemu && LockError(g) is { } lockErr)
        {
            prepare = lockErr;
        }

        var type = g.HaState is not null ? "hamigrate" : g.IsQemu ? "qmigrate" : "vzmigrate";
        return LockedTask(c, g, type, "migrate", prepare, t =>
        {
            Still(s, g);
            var dur = t.Now - started;
            var durText = $"{(int)dur.TotalHours:00}:{dur.Minutes:00}:{dur.Seconds:00}";
            if (!targetNode.Online)
            {
                throw new TaskFailedException($"migration aborted (duration {durText}): Can't connect to destination address using public key");
            }

            g.Node = target;
            foreach (var v in s.Volumes.Where(v => v.Vmid == g.Vmid && v.Node == source && v.Content is "images" or "rootdir"))
            {
                v.Node = target;
            }

            if (!g.IsQemu && wasRunning && restart)
            {
                t.Log($"restart container on target node '{target}'");
                g.StartedAt = s.Now;
            }

            t.Log($"migration finished successfully (duration {durText})");
        }, log, _ =>
        {
            if (!g.IsQemu && restart && wasRunning && g.Status == GuestStatus.Stopped)
            {
                s.SetGuestRunning(g, true);
            }
        });
    }
}
