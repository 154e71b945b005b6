using System.Globalization;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;
using ProxmoxMcp.Simulator.Schema;

namespace ProxmoxMcp.Simulator.Api;

internal static partial class Router
{
    private static void RegisterStorage(Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> d)
    {
        d[("GET", "/storage")] = StorageConfigList;
        d[("GET", "/nodes/{node}/storage")] = NodeStorageList;
        d[("GET", "/nodes/{node}/storage/{storage}/status")] = StorageStatus;
        d[("GET", "/nodes/{node}/storage/{storage}/content")] = StorageContent;
        d[("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}")] = DeleteVolume;
        d[("POST", "/nodes/{node}/vzdump")] = Vzdump;
        d[("GET", "/pools")] = PoolsList;
        d[("POST", "/pools")] = PoolCreate;
        d[("PUT", "/pools")] = PoolUpdate;
        d[("DELETE", "/pools")] = PoolDelete;
        d[("GET", "/pools/{poolid}")] = PoolGet;
        d[("PUT", "/pools/{poolid}")] = PoolUpdate;
        d[("DELETE", "/pools/{poolid}")] = PoolDelete;
    }

    private static bool CanSeeStorage(ApiContext c, string id) =>
        c.Can($"/storage/{id}", "Datastore.Audit") || c.Can($"/storage/{id}", "Datastore.AllocateSpace");

    private static JsonNode StorageConfigList(ApiContext c)
    {
        var arr = new JsonArray();
        foreach (var st in c.S.Storages)
        {
            if (c.Str("type") is { } t && st.Type != t)
            {
                continue;
            }

            if (!CanSeeStorage(c, st.Id))
            {
                continue;
            }

            var e = J.Obj().Set("storage", st.Id).Set("type", st.Type).Set("content", st.ContentString).Set("digest", "2b0f1e3c6d4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c");
            if (st.Path is not null)
            {
                e.Set("path", st.Path);
            }

            if (st.VgName is not null)
            {
                e.Set("vgname", st.VgName).Set("thinpool", st.ThinPool);
            }

            if (st.Server is not null)
            {
                e.Set("server", st.Server).Set("export", st.Export).Set("options", "vers=4.2");
            }

            if (st.Shared && st.Type != "nfs")
            {
                e.Set("shared", 1);
            }

            if (st.PruneBackups is not null)
            {
                e.Set("prune-backups", st.PruneBackups);
            }

            if (st.Disabled)
            {
                e.Set("disable", 1);
            }

            if (st.Nodes is not null)
            {
                e.Set("nodes", string.Join(',', st.Nodes));
            }

            arr.Push(e);
        }

        return arr;
    }

    private static JsonObject StorageStatusEntry(ApiContext c, SimStorage st, bool withId)
    {
        var used = c.S.StorageUsed(st, c.Node);
        var e = J.Obj();
        if (withId)
        {
            e.Set("storage", st.Id);
        }

        e.Set("type", st.Type).Set("content", st.ContentString).Bool("active", !st.Disabled).Bool("enabled", !st.Disabled)
            .Bool("shared", st.Shared);
        if (!st.Disabled)
        {
            e.Set("total", st.Total).Set("used", used).Set("avail", st.Total - used);
            if (withId)
            {
                e.Set("used_fraction", Math.Round((double)used / st.Total, 6));
            }
        }

        return e;
    }

    private static JsonNode NodeStorageList(ApiContext c)
    {
        var arr = new JsonArray();
        var contentFilter = c.Str("content") is { } cf ? ParameterValidator.SplitList(cf).ToHashSet(StringComparer.Ordinal) : null;
        foreach (var st in c.S.Storages)
        {
            if (!st.AvailableOn(c.Node) || !CanSeeStorage(c, st.Id))
            {
                continue;
            }

            if (c.Str("storage") is { } only && st.Id != only)
            {
                continue;
            }

            if (c.Flag("enabled") && st.Disabled)
            {
                continue;
            }

            if (contentFilter is not null && !contentFilter.Any(st.Content.Contains))
            {
                continue;
            }

            if (c.Str("target") is { } target && target != c.Node && !st.Shared)
            {
                continue;
            }

            var e = StorageStatusEntry(c, st, true);
            if (c.Flag("format"))
            {
                var formats = st.IsFileBased ? new JsonArray("raw", "qcow2", "vmdk") : new JsonArray("raw");
                e.Set("formats", J.Obj().Set("default", st.IsFileBased ? "qcow2" : "raw").Set("supported", formats));
            }

            arr.Push(e);
        }

        return arr;
    }

    private static SimStorage StorageOnNode(ApiContext c)
    {
        var id = c.Str("storage")!;
        var st = c.S.Storage(id) ?? throw PveException.Die($"storage '{id}' does not exist");
        if (!st.AvailableOn(c.Node))
        {
            throw PveException.Die($"storage '{id}' is not available on node '{c.Node}'");
        }

        if (st.Disabled)
        {
            throw PveException.Die($"storage '{id}' is disabled");
        }

        return st;
    }

    private static JsonNode StorageStatus(ApiContext c) => StorageStatusEntry(c, StorageOnNode(c), false);

    private static JsonNode StorageContent(ApiContext c)
    {
        var st = StorageOnNode(c);
        var content = c.Str("content");
        var vmid = c.Int("vmid");
        var arr = new JsonArray();
        var canAllocate = c.Can($"/storage/{st.Id}", "Datastore.Audit") || c.Can($"/storage/{st.Id}", "Datastore.Allocate");
        foreach (var v in c.S.VolumesOn(st, c.Node).OrderBy(v => v.Volid, StringComparer.Ordinal))
        {
            if (content is not null && v.Content != content)
            {
                continue;
            }

            if (vmid is not null && v.Vmid != vmid)
            {
                continue;
            }

            // guest volumes need VM.Audit (or the storage privileges)
            if (v.Vmid is int owner && !canAllocate && !c.Can($"/vms/{owner}", "VM.Audit"))
            {
                continue;
            }

            var e = J.Obj().Set("volid", v.Volid).Set("content", v.Content).Set("format", v.Format).Set("size", v.Size);
            if (v.Used is long used)
            {
                e.Set("used", used);
            }

            if (v.Vmid is int id)
            {
                e.Set("vmid", id);
            }

            e.Set("ctime", v.Ctime);
            if (v.Content == "backup")
            {
                e.Set("notes", v.Notes);
                if (v.Protected)
                {
                    e.Set("protected", 1);
                }

                e.Set("subtype", v.BackupType == GuestType.Lxc ? "lxc" : "qemu");
            }

            if (v.Parent is not null)
            {
                e.Set("parent", v.Parent);
            }

            arr.Push(e);
        }

        return arr;
    }

    private static JsonNode DeleteVolume(ApiContext c)
    {
        var s = c.S;
        var st = StorageOnNode(c);
        var volume = c.Str("volume")!;
        var volid = volume.Contains(':', StringComparison.Ordinal) ? volume : $"{st.Id}:{volume}";
        if (!volid.StartsWith(st.Id + ":", StringComparison.Ordinal))
        {
            throw PveException.Die($"volume storage '{volid.Split(':')[0]}' does not match storage '{st.Id}'");
        }

        var vol = s.FindVolume(volid, c.Node);
        if (vol is { Content: "backup", Vmid: int owner })
        {
            c.Check($"/storage/{st.Id}", "Datastore.AllocateSpace");
            c.Check($"/vms/{owner}", "VM.Backup");
        }
        else
        {
            c.Check($"/storage/{st.Id}", "Datastore.Allocate");
        }

        var id = (vol?.Vmid is int vm ? $"{vm}@" : "") + st.Id;
        return c.Task("imgdel", id, _ =>
        {
            var v = s.FindVolume(volid, c.Node);
            if (v is null)
            {
                var volname = volid[(volid.IndexOf(':', StringComparison.Ordinal) + 1)..];
                throw new TaskFailedException(st.IsFileBased
                    ? $"unable to parse directory volume name '{volname}'"
                    : $"lvremove 'pve/{volname}' error:   Failed to find logical volume \"pve/{volname}\"");
            }

            if (v.Protected)
            {
                throw new TaskFailedException($"volume deletion failed: backup '{volid}' is protected");
            }

            if (v.Content is "images" or "rootdir" && v.Vmid is int owner2 && s.Guests.TryGetValue(owner2, out var g)
                && g.Config.Values.Any(x => x.Contains(volid, StringComparison.Ordinal)))
            {
                throw new TaskFailedException($"unable to delete volume '{volid}' - volume is still in use by {g.Kind} {owner2}");
            }

            s.Volumes.Remove(v);
        }, log: [$"Removed volume '{volid}'"]);
    }

    // ------------------------------------------------------------------ vzdump

    private static JsonNode Vzdump(ApiContext c)
    {
        var s = c.S;
        if (c.Flag("stdout"))
        {
            throw PveException.Param("stdout", "option is only allowed on the command line interface.");
        }

        foreach (var p in new[] { "tmpdir", "dumpdir", "script", "job-id" })
        {
            if (c.Has(p) && !c.P.IsRootUser)
            {
                throw PveException.Param(p, "Only root may use this option.");
            }
        }

        var all = c.Flag("all");
        var vmidParam = c.Str("vmid");
        var poolParam = c.Str("pool");
        if (!all && vmidParam is null && poolParam is null)
        {
            throw PveException.Param("vmid", "property is missing and it is not optional");
        }

        if (all && vmidParam is not null)
        {
            throw PveException.Param("vmid", "option conflicts with option 'all'");
        }

        var exclude = c.Str("exclude") is { } ex ? ParameterValidator.SplitList(ex).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToHashSet() : [];
        List<int> vmids;
        if (all)
        {
            vmids = s.Guests.Keys.Where(v => !exclude.Contains(v)).ToList();
        }
        else if (poolParam is not null)
        {
            vmids = s.Pools.TryGetValue(poolParam, out var pool) ? pool.Vms.ToList() : throw PveException.Die($"pool '{poolParam}' does not exist");
        }
        else
        {
            vmids = ParameterValidator.SplitList(vmidParam!).Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToList();
        }

        foreach (var v in vmids)
        {
            c.Check($"/vms/{v}", "VM.Backup");
        }

        var local = vmids.Where(v => !s.Guests.TryGetValue(v, out var g) || g.Node == c.Node).ToList();
        if (local.Count == 0 && !all)
        {
            return "OK"; // PVE: silent exit when the guests run on other nodes
        }

        var storeid = c.Str("storage") ?? "local";
        var st = s.Storage(storeid) ?? throw PveException.Die($"storage '{storeid}' does not exist");
        c.Check($"/storage/{storeid}", "Datastore.AllocateSpace");
        if (!st.Content.Contains("backup"))
        {
            throw PveException.Die($"storage '{storeid}' does not support backups");
        }

        var mode = c.Str("mode") ?? "snapshot";
        var compress = c.Str("compress") ?? "0";
        var notesTemplate = c.Str("notes-template");
        var remove = !c.Has("remove") || c.Flag("remove");
        var isProtected = c.Flag("protected");
        var guests = local.Where(s.Guests.ContainsKey).Select(v => s.Guests[v]).ToList();
        var locked = new List<SimGuest>();
        foreach (var g in guests)
        {
            if (g.Lock is null)
            {
                g.Lock = "backup";
                locked.Add(g);
            }
        }

        var cmdline = "vzdump " + string.Join(' ', local) + string.Join("", c.Params
            .Where(kv => kv.Key is not ("node" or "vmid"))
            .Select(kv => $" --{kv.Key} {(kv.Value.Contains(' ', StringComparison.Ordinal) ? "'" + kv.Value + "'" : kv.Value)}"));
        var log = new List<string> { $"INFO: starting new backup job: {cmdline}" };
        foreach (var v in local)
        {
            log.Add(s.Guests.TryGetValue(v, out var g) ? $"INFO: Starting Backup of VM {v} ({g.TypeName})" : $"ERROR: Backup of VM {v} failed - unable to find VM '{v}'");
        }

        var startTime = s.Now;
        return c.Task("vzdump", local.Count == 1 ? Id(local[0]) : "", t =>
        {
            var failed = 0;
            foreach (var v in local)
            {
                if (!s.Guests.TryGetValue(v, out var g))
                {
                    failed++;
                    continue;
                }

                if (g.Lock is not null && !(g.Lock == "backup" && locked.Contains(g)))
                {
                    t.Log($"ERROR: Backup of VM {v} failed - {g.Kind} is locked ({g.Lock})");
                    failed++;
                    continue;
                }

                var ext = g.IsQemu ? "vma" : "tar";
                var zext = compress switch { "zstd" or "1" => ".zst", "gzip" => ".gz", "lzo" => ".lzo", _ => "" };
                var name = string.Create(CultureInfo.InvariantCulture, $"vzdump-{g.TypeName}-{v}-{startTime.UtcDateTime:yyyy_MM_dd-HH_mm_ss}.{ext}{zext}");
                var notes = notesTemplate?.Replace("{{guestname}}", g.Name, StringComparison.Ordinal).Replace("{{vmid}}", Id(v), StringComparison.Ordinal)
                    .Replace("{{node}}", g.Node, StringComparison.Ordinal).Replace("{{cluster}}", s.Options.ClusterName, StringComparison.Ordinal);
                var cfg = new SortedDictionary<string, string>(g.Config, StringComparer.Ordinal);
                cfg.Remove("lock");
                var size = (long)(Metrics.MaxDisk(g) * (0.08 + (0.2 * Det.Unit(s.Seed, v, startTime.ToUnixTimeSeconds()))));
                var vol = new SimVolume
                {
                    Storage = st.Id,
                    Node = st.Shared ? null : c.Node,
                    Volid = $"{st.Id}:backup/{name}",
                    Content = "backup",
                    Format = ext + (zext.Length > 0 ? "." + zext[1..] : ""),
                    Size = Math.Max(size, 50_000_000),
                    Ctime = startTime.ToUnixTimeSeconds(),
                    Vmid = v,
                    Notes = notes,
                    Protected = isProtected,
                    BackupConfig = cfg,
                    BackupType = g.Type,
                };
                s.Volumes.Add(vol);
                t.Log($"INFO: creating vzdump archive '{(st.Path ?? "/var/lib/vz")}/dump/{name}'");
                t.Log($"INFO: Finished Backup of VM {v} (00:00:{(t.Now - startTime).Seconds:00})");
                if (mode == "stop" && g.Status != GuestStatus.Stopped)
                {
                    t.Log("INFO: restarting vm");
                }

                if (remove && st.PruneBackups is { } prune && prune.StartsWith("keep-last=", StringComparison.Ordinal)
                    && int.TryParse(prune.AsSpan(10), CultureInfo.InvariantCulture, out var keep))
                {
                    var old = s.VolumesOn(st, c.Node).Where(x => x.Content == "backup" && x.Vmid == v && !x.Protected).OrderByDescending(x => x.Ctime).Skip(keep).ToList();
                    foreach (var o in old)
                    {
                        s.Volumes.Remove(o);
                        t.Log($"INFO: prune older backups with retention: {prune}: removing '{o.Volid}'");
                    }
                }
            }

            if (failed > 0)
            {
                throw new TaskFailedException("job errors");
            }

            t.Log("INFO: Backup job finished successfully");
        }, ok =>
        {
            foreach (var g in locked)
            {
                if (g.Lock == "backup")
                {
                    g.Lock = null;
                }
            }
        }, log);
    }

    // ------------------------------------------------------------------ pools

    private static JsonArray PoolMembers(ApiContext c, SimPool pool, string? type)
    {
        var members = new JsonArray();
        foreach (var vmid in pool.Vms)
        {
            if (!c.S.Guests.TryGetValue(vmid, out var g) || (type is not null && type != g.TypeName))
            {
                continue;
            }

            members.Push(GuestResource(c.S, g));
        }

        if (type is null or "storage")
        {
            foreach (var id in pool.Storage)
            {
                var st = c.S.Storage(id);
                if (st is null)
                {
                    continue;
                }

                var node = c.S.LocalNode.Name;
                members.Push(J.Obj().Set("id", $"storage/{node}/{id}").Set("storage", id).Set("node", node).Set("type", "storage")
                    .Set("plugintype", st.Type).Set("status", "available").Bool("shared", st.Shared).Set("content", st.ContentString)
                    .Set("maxdisk", st.Total).Set("disk", c.S.StorageUsed(st, node)));
            }
        }

        return members;
    }

    private static JsonNode PoolsList(ApiContext c)
    {
        var arr = new JsonArray();
        if (c.Str("poolid") is { } poolid)
        {
            var pool = c.S.Pools.GetValueOrDefault(poolid) ?? throw PveException.Die($"pool '{poolid}' does not exist");
            arr.Push(J.Obj().Set("members", PoolMembers(c, pool, c.Str("type"))).Set("comment", pool.Comment).Set("poolid", poolid));
            return arr;
        }

        foreach (var pool in c.S.Pools.Values)
        {
            if (c.Can($"/pool/{pool.Id}", "Pool.Audit"))
            {
                arr.Push(J.Obj().Set("poolid", pool.Id).Set("comment", pool.Comment));
            }
        }

        return arr;
    }

    private static JsonNode PoolGet(ApiContext c)
    {
        var poolid = c.Str("poolid")!;
        var pool = c.S.Pools.GetValueOrDefault(poolid) ?? throw PveException.Die($"pool '{poolid}' does not exist");
        return J.Obj().Set("comment", pool.Comment).Set("members", PoolMembers(c, pool, c.Str("type")));
    }

    private static JsonNode? PoolCreate(ApiContext c)
    {
        var poolid = c.Str("poolid")!;
        if (c.S.Pools.ContainsKey(poolid))
        {
            throw PveException.Die($"create pool failed: pool '{poolid}' already exists");
        }

        if (poolid.Contains('/', StringComparison.Ordinal))
        {
            var parent = poolid[..poolid.LastIndexOf('/')];
            if (!c.S.Pools.ContainsKey(parent))
            {
                throw PveException.Die($"create pool failed: parent '{parent}' of pool '{poolid}' does not exist");
            }
        }

        if (!char.IsAsciiLetter(poolid.Split('/').Last()[0]))
        {
            throw PveException.Die("create pool failed: pool name must start with a letter");
        }

        c.S.Pools[poolid] = new SimPool { Id = poolid, Comment = c.Str("comment") };
        return null;
    }

    private static JsonNode? PoolUpdate(ApiContext c)
    {
        var s = c.S;
        var poolid = c.Str("poolid")!;
        const string E = "update pools failed: ";
        var pool = s.Pools.GetValueOrDefault(poolid) ?? throw PveException.Die($"{E}pool '{poolid}' does not exist");
        var delete = c.Flag("delete");
        if (c.Str("comment") is { } comment)
        {
            pool.Comment = comment;
        }

        if (c.Str("vms") is { } vms)
        {
            foreach (var v in ParameterValidator.SplitList(vms).Select(x => int.Parse(x, CultureInfo.InvariantCulture)))
            {
                if (!c.Can($"/vms/{v}", "Permissions.Modify"))
                {
                    c.Check($"/vms/{v}", "VM.Allocate");
                }

                if (delete)
                {
                    if (!pool.Vms.Remove(v))
                    {
                        throw PveException.Die($"{E}VM {v} is not a pool member");
                    }

                    if (s.Guests.TryGetValue(v, out var g))
                    {
                        g.Pool = null;
                    }
                }
                else
                {
                    if (pool.Vms.Contains(v))
                    {
                        throw PveException.Die($"{E}VM {v} is already a pool member");
                    }

                    var existing = s.Pools.Values.FirstOrDefault(p => p.Vms.Contains(v));
                    if (existing is not null)
                    {
                        if (!c.Flag("allow-move"))
                        {
                            throw PveException.Die($"{E}VM {v} belongs already to pool '{existing.Id}' and 'allow-move' is not set");
                        }

                        c.Check($"/pool/{existing.Id}", "Pool.Allocate");
                        existing.Vms.Remove(v);
                    }

                    pool.Vms.Add(v);
                    if (s.Guests.TryGetValue(v, out var g))
                    {
                        g.Pool = poolid;
                    }
                }
            }
        }

        if (c.Str("storage") is { } storages)
        {
            foreach (var id in ParameterValidator.SplitList(storages))
            {
                if (delete)
                {
                    if (!pool.Storage.Remove(id))
                    {
                        throw PveException.Die($"{E}Storage '{id}' is not a pool member");
                    }
                }
                else if (!pool.Storage.Add(id))
                {
                    throw PveException.Die($"{E}Storage '{id}' is already a pool member");
                }
            }
        }

        return null;
    }

    private static JsonNode? PoolDelete(ApiContext c)
    {
        var s = c.S;
        var poolid = c.Str("poolid")!;
        const string E = "delete pool failed: ";
        var pool = s.Pools.GetValueOrDefault(poolid) ?? throw PveException.Die($"{E}pool '{poolid}' does not exist");
        if (s.Pools.Keys.FirstOrDefault(k => k.StartsWith(poolid + "/", StringComparison.Ordinal)) is { } sub)
        {
            throw PveException.Die($"{E}pool '{poolid}' is not empty (contains pool '{sub}')");
        }

        if (pool.Vms.Count > 0)
        {
            throw PveException.Die($"{E}pool '{poolid}' is not empty (contains VM {pool.Vms.Min})");
        }

        if (pool.Storage.Count > 0)
        {
            throw PveException.Die($"{E}pool '{poolid}' is not empty (contains storage '{pool.Storage.Min}')");
        }

        s.Pools.Remove(poolid);
        return null;
    }
}
