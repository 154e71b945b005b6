using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

internal static partial class Router
{
    private static void RegisterCluster(Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> d)
    {
        d[("GET", "/version")] = Version;
        d[("GET", "/cluster/status")] = ClusterStatus;
        d[("GET", "/cluster/resources")] = ClusterResources;
        d[("GET", "/cluster/nextid")] = NextId;
        d[("GET", "/cluster/tasks")] = ClusterTasks;
        d[("GET", "/nodes")] = NodesList;
        d[("GET", "/nodes/{node}/status")] = NodeStatus;
        d[("GET", "/nodes/{node}/rrddata")] = NodeRrd;
        d[("GET", "/nodes/{node}/tasks")] = NodeTasks;
        d[("GET", "/nodes/{node}/tasks/{upid}")] = _ => new JsonArray(J.Obj().Set("name", "log"), J.Obj().Set("name", "status"));
        d[("GET", "/nodes/{node}/tasks/{upid}/status")] = TaskStatus;
        d[("GET", "/nodes/{node}/tasks/{upid}/log")] = TaskLog;
        d[("DELETE", "/nodes/{node}/tasks/{upid}")] = TaskStop;
        d[("POST", "/access/ticket")] = CreateTicket;
        d[("GET", "/access/permissions")] = AccessPermissions;
    }

    private static JsonNode Version(ApiContext c)
    {
        var v = c.S.PveVersion;
        return J.Obj().Set("version", v).Set("release", string.Join('.', v.Split('.').Take(2))).Set("repoid", c.S.RepoId);
    }

    private static JsonNode ClusterStatus(ApiContext c)
    {
        var s = c.S;
        var online = s.Nodes.Count(n => n.Online);
        var arr = new JsonArray(
            J.Obj().Set("type", "cluster").Set("id", "cluster").Set("name", s.Options.ClusterName).Set("nodes", s.Nodes.Count)
                .Bool("quorate", online * 2 > s.Nodes.Count).Set("version", s.ConfigVersion));
        foreach (var n in s.Nodes)
        {
            arr.Push(J.Obj().Set("type", "node").Set("id", $"node/{n.Name}").Set("name", n.Name).Set("nodeid", n.NodeId)
                .Set("ip", n.Ip).Bool("online", n.Online).Bool("local", n == s.LocalNode).Set("level", n.Level));
        }

        return arr;
    }

    /// <summary>A guest's /cluster/resources entry as a JsonObject (pool members).</summary>
    internal static JsonObject GuestResource(ClusterState s, SimGuest g)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteGuestResource(w, s, g, includePool: true, hastate: false);
        }

        return JsonNode.Parse(buffer.WrittenSpan)!.AsObject();
    }

    internal static readonly System.Text.Json.JsonWriterOptions WriterOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Write a guest's /cluster/resources entry directly (the 5,000-guest estate lists it on every call).</summary>
    internal static void WriteGuestResource(System.Text.Json.Utf8JsonWriter w, ClusterState s, SimGuest g, bool includePool, bool hastate)
    {
        var node = s.NodeByName[g.Node];
        w.WriteStartObject();
        w.WriteString("id", g.IsQemu ? $"qemu/{g.Vmid}" : $"lxc/{g.Vmid}");
        w.WriteNumber("vmid", g.Vmid);
        w.WriteString("node", g.Node);
        w.WriteString("type", g.TypeName);
        if (!node.Online)
        {
            w.WriteString("status", "unknown");
            w.WriteString("name", g.Name);
        }
        else
        {
            var status = g.Status switch
            {
                GuestStatus.Running => "running",
                GuestStatus.Paused => g.IsQemu ? "paused" : "running",
                _ => "stopped",
            };
            var mem = Metrics.Mem(s, g);
            w.WriteNumber("uptime", Metrics.Uptime(s, g));
            w.WriteString("name", g.Name);
            w.WriteString("status", status);
            w.WriteNumber("template", g.IsTemplate ? 1 : 0);
            w.WriteNumber("maxcpu", g.MaxCpu);
            w.WriteNumber("cpu", Math.Round(Metrics.Cpu(s, g), 6));
            w.WriteNumber("maxmem", g.MaxMem);
            w.WriteNumber("mem", mem);
            w.WriteNumber("maxdisk", g.MaxDisk);
            w.WriteNumber("disk", Metrics.DiskUsed(s, g));
            w.WriteNumber("netin", Metrics.Net(s, g, false));
            w.WriteNumber("netout", Metrics.Net(s, g, true));
            w.WriteNumber("diskread", Metrics.DiskIo(s, g, false));
            w.WriteNumber("diskwrite", Metrics.DiskIo(s, g, true));
            if (g.IsQemu)
            {
                w.WriteNumber("memhost", mem);
            }
        }

        if (g.Lock is { } l)
        {
            w.WriteString("lock", l);
        }

        if (g.Tags is { } t)
        {
            w.WriteString("tags", t);
        }

        if (includePool && g.Pool is not null)
        {
            w.WriteString("pool", g.Pool);
        }

        if (hastate && g.HaState is not null)
        {
            w.WriteString("hastate", g.HaState);
        }

        w.WriteEndObject();
    }

    private static JsonNode? ClusterResources(ApiContext c)
    {
        var s = c.S;
        var type = c.Str("type");
        var cacheKey = $"/cluster/resources|{type}|{c.User}";
        if (s.TryGetCached(cacheKey, out var cached))
        {
            c.RawData = cached;
            return null;
        }

        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 * 1024);
        using var w = new System.Text.Json.Utf8JsonWriter(buffer, WriterOptions);
        w.WriteStartArray();
        void Push(JsonNode n) => n.WriteTo(w);
        if (type is null)
        {
            foreach (var pool in s.Pools.Values)
            {
                if (c.Can($"/pool/{pool.Id}", "Pool.Audit"))
                {
                    Push(J.Obj().Set("id", $"/pool/{pool.Id}").Set("pool", pool.Id).Set("type", "pool"));
                }
            }
        }

        if (type is null or "vm")
        {
            // PVE sorts the vmids as strings
            foreach (var g in s.Guests.Values.OrderBy(g => g.Vmid.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
            {
                if (!c.Can($"/vms/{g.Vmid}", "VM.Audit"))
                {
                    continue;
                }

                WriteGuestResource(w, s, g, includePool: g.Pool is not null && c.Can($"/pool/{g.Pool}", "Pool.Audit"), hastate: true);
            }
        }

        if (type is null or "node")
        {
            var loads = Metrics.NodeLoads(s);
            foreach (var n in s.Nodes)
            {
                var audit = c.Can($"/nodes/{n.Name}", "Sys.Audit");
                var e = J.Obj().Set("id", $"node/{n.Name}").Set("node", n.Name).Set("type", "node").Set("status", n.Online ? "online" : "offline");
                if (n.Online && audit)
                {
                    e.Set("uptime", Metrics.NodeUptime(s, n)).Set("cpu", Metrics.NodeCpu(s, n, null, loads)).Set("mem", Metrics.NodeMem(s, n, null, loads))
                        .Set("disk", (long)(n.RootfsTotal * 0.11));
                }

                e.Set("level", n.Level);
                if (audit)
                {
                    e.Set("maxcpu", n.Threads).Set("maxmem", n.MemTotal).Set("maxdisk", n.RootfsTotal);
                }

                e.Set("cgroup-mode", 2);
                Push(e);
            }
        }

        if (type is null or "storage")
        {
            foreach (var st in s.Storages)
            {
                if (!c.Can($"/storage/{st.Id}", "Datastore.Audit"))
                {
                    continue;
                }

                foreach (var n in s.Nodes)
                {
                    if (st.Disabled || !st.AvailableOn(n.Name))
                    {
                        continue;
                    }

                    var e = J.Obj().Set("id", $"storage/{n.Name}/{st.Id}").Set("storage", st.Id).Set("node", n.Name).Set("type", "storage")
                        .Set("plugintype", st.Type).Set("status", n.Online ? "available" : "unknown").Bool("shared", st.Shared)
                        .Set("content", st.ContentString);
                    if (n.Online)
                    {
                        e.Set("maxdisk", st.Total).Set("disk", s.StorageUsed(st, n.Name));
                    }

                    Push(e);
                }
            }
        }

        if (type is null && c.Can("/sdn/zones/localnetwork", "SDN.Audit"))
        {
            foreach (var n in s.Nodes)
            {
                Push(J.Obj().Set("id", $"network/{n.Name}/zone/localnetwork").Set("type", "network").Set("network-type", "zone")
                    .Set("network", "localnetwork").Set("node", n.Name).Set("status", "ok"));
            }
        }

        w.WriteEndArray();
        w.Flush();
        c.RawData = buffer.WrittenMemory;
        s.SetCached(cacheKey, buffer.WrittenMemory);
        return null;
    }

    private static JsonNode NextId(ApiContext c)
    {
        // PVE returns the id as a JSON string (the Perl scalar was used as a hash key)
        if (c.Str("vmid") is { } wanted)
        {
            if (c.S.Guests.ContainsKey(int.Parse(wanted, CultureInfo.InvariantCulture)))
            {
                throw PveException.Param("vmid", $"VM {wanted} already exists");
            }

            return wanted;
        }

        for (var i = 100; i < 1_000_000; i++)
        {
            if (!c.S.Guests.ContainsKey(i))
            {
                return i.ToString(CultureInfo.InvariantCulture);
            }
        }

        throw PveException.Die("unable to get any free VMID in range [100, 1000000]");
    }

    private static bool CanSeeTask(ApiContext c, SimulatedTask t) =>
        t.User == c.User || c.Can($"/nodes/{t.Node}", "Sys.Audit");

    internal static JsonObject TaskEntry(SimulatedTask t)
    {
        var e = J.Obj().Set("upid", t.Upid).Set("node", t.Node).Set("pid", t.Pid).Set("pstart", t.PStart).Set("starttime", t.StartTime)
            .Set("type", t.Type).Set("id", t.Id);
        var bang = t.User.IndexOf('!', StringComparison.Ordinal);
        if (bang > 0)
        {
            e.Set("user", t.User[..bang]).Set("tokenid", t.User[(bang + 1)..]);
        }
        else
        {
            e.Set("user", t.User);
        }

        return e;
    }

    private static JsonNode ClusterTasks(ApiContext c)
    {
        var arr = new JsonArray();
        foreach (var t in c.S.Tasks.AsEnumerable().Reverse())
        {
            if (!CanSeeTask(c, t) || !c.S.NodeByName[t.Node].Online)
            {
                continue;
            }

            var e = TaskEntry(t);
            if (!t.IsRunning)
            {
                e.Set("endtime", t.EndTime!.Value).Set("status", t.ExitStatus).Set("saved", "1");
            }

            arr.Push(e);
            if (arr.Count >= 100)
            {
                break;
            }
        }

        return arr;
    }

    private static JsonNode NodesList(ApiContext c)
    {
        var arr = new JsonArray();
        var loads = Metrics.NodeLoads(c.S);
        foreach (var n in c.S.Nodes)
        {
            var audit = c.Can($"/nodes/{n.Name}", "Sys.Audit");
            var e = J.Obj().Set("node", n.Name).Set("status", n.Online ? "online" : "offline").Set("id", $"node/{n.Name}").Set("type", "node")
                .Set("level", n.Level).Set("ssl_fingerprint", n.SslFingerprint);
            if (audit)
            {
                e.Set("maxcpu", n.Threads).Set("maxmem", n.MemTotal).Set("maxdisk", n.RootfsTotal);
                if (n.Online)
                {
                    e.Set("uptime", Metrics.NodeUptime(c.S, n)).Set("cpu", Metrics.NodeCpu(c.S, n, null, loads)).Set("mem", Metrics.NodeMem(c.S, n, null, loads))
                        .Set("disk", (long)(n.RootfsTotal * 0.11));
                }
            }

            arr.Push(e);
        }

        return arr;
    }

    private static JsonNode NodeStatus(ApiContext c)
    {
        var s = c.S;
        var n = c.NodeObj;
        var cpu = Metrics.NodeCpu(s, n);
        var used = Metrics.NodeMem(s, n);
        var rootUsed = (long)(n.RootfsTotal * 0.11);
        return J.Obj()
            .Set("uptime", Metrics.NodeUptime(s, n))
            .Set("cpu", cpu)
            .Set("wait", Math.Round(cpu * 0.02, 6))
            .Set("idle", 0)
            .Set("loadavg", new JsonArray(Metrics.LoadAvg(cpu, n, 0), Metrics.LoadAvg(cpu, n, 1), Metrics.LoadAvg(cpu, n, 2)))
            .Set("kversion", $"Linux {n.KernelRelease} {n.KernelVersion}")
            .Set("pveversion", $"pve-manager/{s.PveVersion}/{s.RepoId}")
            .Set("memory", J.Obj().Set("total", n.MemTotal).Set("used", used).Set("free", n.MemTotal - used).Set("available", n.MemTotal - used + (n.MemTotal / 50)))
            .Set("swap", J.Obj().Set("total", n.SwapTotal).Set("used", n.SwapTotal / 200).Set("free", n.SwapTotal - (n.SwapTotal / 200)))
            .Set("rootfs", J.Obj().Set("total", n.RootfsTotal).Set("used", rootUsed).Set("free", n.RootfsTotal - rootUsed).Set("avail", n.RootfsTotal - rootUsed - (n.RootfsTotal / 20)))
            .Set("ksm", J.Obj().Set("shared", 0))
            .Set("cpuinfo", J.Obj().Set("model", n.CpuModel).Set("sockets", n.Sockets).Set("cores", n.Cores).Set("cpus", n.Threads)
                .Set("mhz", n.Mhz.ToString("F3", CultureInfo.InvariantCulture)).Set("hvm", "1").Set("user_hz", 100)
                .Set("flags", "fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ht syscall nx mmxext fxsr_opt pdpe1gb rdtscp lm constant_tsc rep_good nopl nonstop_tsc cpuid extd_apicid aperfmperf rapl pni pclmulqdq monitor ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt aes xsave avx f16c rdrand lahf_lm cmp_legacy svm extapic cr8_legacy abm sse4a misalignsse 3dnowprefetch osvw ibs skinit wdt tce topoext perfctr_core perfctr_nb bpext perfctr_llc mwaitx cpb cat_l3 cdp_l3 hw_pstate ssbd mba ibrs ibpb stibp vmmcall fsgsbase bmi1 avx2 smep bmi2 erms invpcid cqm rdt_a rdseed adx smap clflushopt clwb sha_ni xsaveopt xsavec xgetbv1 xsaves cqm_llc cqm_occup_llc cqm_mbm_total cqm_mbm_local clzero irperf xsaveerptr rdpru wbnoinvd amd_ppin brs arat npt lbrv svm_lock nrip_save tsc_scale vmcb_clean flushbyasid decodeassists pausefilter pfthreshold v_vmsave_vmload vgif v_spec_ctrl umip pku ospke vaes vpclmulqdq rdpid overflow_recov succor smca"))
            .Set("current-kernel", J.Obj().Set("sysname", "Linux").Set("release", n.KernelRelease).Set("version", n.KernelVersion).Set("machine", "x86_64"))
            .Set("boot-info", J.Obj().Set("mode", "efi").Bool("secureboot", false));
    }

    internal static (int Step, int Points) Timeframe(string tf) => tf switch
    {
        "hour" => (60, 70),
        "day" => (1800, 70),
        "week" => (10800, 70),
        "month" => (43200, 70),
        "year" => (604800, 70),
        _ => (6048000, 70),
    };

    private static JsonNode NodeRrd(ApiContext c)
    {
        var s = c.S;
        var n = c.NodeObj;
        var (step, points) = Timeframe(c.Str("timeframe")!);
        var max = c.Str("cf") == "MAX";
        var arr = new JsonArray();
        var end = s.UnixNow / step * step;
        var loads = Metrics.NodeLoads(s);
        for (var i = points - 1; i >= 0; i--)
        {
            var t = end - ((long)i * step);
            var cpu = Metrics.NodeCpu(s, n, t, loads) * (max ? 1.3 : 1.0);
            var mem = Metrics.NodeMem(s, n, t, loads);
            var e = J.Obj().Set("time", t);
            if (t < n.BootTime.ToUnixTimeSeconds())
            {
                arr.Push(e);
                continue;
            }

            e.Set("cpu", Math.Min(1, cpu)).Set("maxcpu", n.Threads).Set("iowait", Math.Round(cpu * 0.03, 6))
                .Set("loadavg", Math.Round(cpu * n.Threads * 0.9, 2)).Set("memtotal", n.MemTotal).Set("memused", mem)
                .Set("memavailable", n.MemTotal - mem).Set("swaptotal", n.SwapTotal).Set("swapused", n.SwapTotal / 200)
                .Set("roottotal", n.RootfsTotal).Set("rootused", (long)(n.RootfsTotal * 0.11))
                .Set("netin", Math.Round(180_000 + (Det.Unit(s.Seed, n.NodeId, t, 41) * 900_000), 2))
                .Set("netout", Math.Round(90_000 + (Det.Unit(s.Seed, n.NodeId, t, 42) * 600_000), 2))
                .Set("arcsize", 0);
            arr.Push(e);
        }

        return arr;
    }

    private static bool TaskMatchesStatus(SimulatedTask t, bool errorsOnly, HashSet<string>? statusFilter)
    {
        var status = t.IsRunning ? null : t.ExitStatus;
        var type = status is null ? "unknown" : status == "OK" ? "ok" : status.StartsWith("WARNINGS: ", StringComparison.Ordinal) ? "warning"
            : status == "unexpected status" ? "unknown" : "error";
        if (errorsOnly)
        {
            return type != "ok";
        }

        return statusFilter is null || statusFilter.Contains(type);
    }

    private static JsonNode NodeTasks(ApiContext c)
    {
        var node = c.Node;
        var start = c.Int("start") ?? 0;
        var limit = c.Int("limit") ?? 50;
        var source = c.Str("source") ?? "archive";
        var vmid = c.Str("vmid");
        var typefilter = c.Str("typefilter");
        var userfilter = c.Str("userfilter");
        var since = c.Int("since");
        var until = c.Int("until");
        var errors = c.Flag("errors");
        HashSet<string>? statusFilter = c.Str("statusfilter") is { } sf && !errors
            ? Schema.ParameterValidator.SplitList(sf).Select(x => x.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)
            : null;
        var auditor = c.Can($"/nodes/{node}", "Sys.Audit");
        var res = new JsonArray();
        var count = 0;

        bool Filter(SimulatedTask t)
        {
            if (userfilter is not null && t.User.IndexOf(userfilter, StringComparison.OrdinalIgnoreCase) < 0)
            {
                return false;
            }

            if (!(auditor || t.User == c.User))
            {
                return false;
            }

            if (typefilter is not null && t.Type != typefilter)
            {
                return false;
            }

            if (vmid is not null && t.Id != vmid)
            {
                return false;
            }

            if ((since is not null && t.StartTime < since) || (until is not null && t.StartTime > until))
            {
                return false;
            }

            if (!t.IsRunning && !TaskMatchesStatus(t, errors, statusFilter))
            {
                return false;
            }

            if (count++ < start)
            {
                return false;
            }

            return limit > 0;
        }

        var ordered = c.S.Tasks.Where(t => t.Node == node).OrderByDescending(t => t.StartTime).ThenByDescending(t => t.Pid).ToList();
        if (source is "active" or "all")
        {
            foreach (var t in ordered.Where(t => t.IsRunning))
            {
                if (Filter(t))
                {
                    res.Push(TaskEntry(t).Set("status", "RUNNING"));
                    limit--;
                }
            }
        }

        if (source != "active")
        {
            foreach (var t in ordered.Where(t => !t.IsRunning).OrderByDescending(t => t.EndTime))
            {
                if (Filter(t))
                {
                    res.Push(TaskEntry(t).Set("endtime", t.EndTime!.Value).Set("status", t.ExitStatus));
                    limit--;
                }
            }
        }

        c.Total = count;
        return res;
    }

    [GeneratedRegex(@"^UPID:([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):\z", RegexOptions.CultureInvariant)]
    private static partial Regex UpidRegex();

    private static SimulatedTask FindTask(ApiContext c)
    {
        var upid = c.Str("upid")!;
        if (!UpidRegex().IsMatch(upid))
        {
            throw PveException.Param("upid", "unable to parse worker upid");
        }

        if (!c.S.TaskByUpid.TryGetValue(upid, out var t) || t.Node != c.Node)
        {
            throw PveException.Param("upid", "no such task");
        }

        return t;
    }

    private static JsonNode TaskStatus(ApiContext c)
    {
        var t = FindTask(c);
        if (t.User != c.User)
        {
            c.Check($"/nodes/{c.Node}", "Sys.Audit");
        }

        var e = TaskEntry(t).Set("status", t.IsRunning ? "running" : "stopped");
        if (!t.IsRunning)
        {
            e.Set("exitstatus", t.ExitStatus);
        }

        return e;
    }

    private static JsonNode TaskLog(ApiContext c)
    {
        var t = FindTask(c);
        if (t.User != c.User)
        {
            c.Check($"/nodes/{c.Node}", "Sys.Audit");
        }

        if (c.Flag("download"))
        {
            throw new PveException(501, "Method 'GET /nodes/{node}/tasks/{upid}/log?download=1' not implemented by the simulator");
        }

        var start = c.Int("start") ?? 0;
        var limit = c.Int("limit") ?? 50;
        var readAll = limit == 0;
        var lines = t.LogAt(c.Now);
        var arr = new JsonArray();
        var count = 0;
        foreach (var line in lines)
        {
            if (count++ < start)
            {
                continue;
            }

            if (!readAll)
            {
                if (limit <= 0)
                {
                    continue;
                }

                limit--;
            }

            arr.Push(J.Obj().Set("n", count).Set("t", line));
        }

        if (count == 0)
        {
            count = 1;
            arr.Push(J.Obj().Set("n", 1).Set("t", "no content"));
        }

        c.Total = count;
        return arr;
    }

    private static JsonNode? TaskStop(ApiContext c)
    {
        var t = FindTask(c);
        if (t.User != c.User)
        {
            c.Check($"/nodes/{c.Node}", "Sys.Modify");
        }

        c.S.StopTask(t);
        return null;
    }

    private static JsonNode CreateTicket(ApiContext c)
    {
        var cluster = c.S;
        var username = c.Str("username")!;
        if (c.Str("realm") is { } realm && !username.Contains('@', StringComparison.Ordinal))
        {
            username += "@" + realm;
        }

        var password = c.Str("password")!;
        var now = c.Now;
        string? user = null;
        var auth = cluster.Auth;
        if (password.StartsWith("PVE:", StringComparison.Ordinal))
        {
            var ticketUser = auth.VerifyTicket(password, now);
            if (ticketUser == username)
            {
                user = ticketUser;
            }
        }
        else
        {
            user = AuthService.CheckPassword(username, password);
        }

        if (user is null)
        {
            throw new PveException(401, "authentication failure");
        }

        var principal = auth.PrincipalFor(user);
        var res = J.Obj().Set("username", user).Set("ticket", auth.IssueTicket(user, now)).Set("CSRFPreventionToken", auth.CsrfToken(user, now))
            .Set("cap", AuthService.Capabilities(principal));
        if (principal.Has("/", "Sys.Audit"))
        {
            res.Set("clustername", cluster.Options.ClusterName);
        }

        return res;
    }

    private static JsonNode AccessPermissions(ApiContext c)
    {
        var userid = c.Str("userid");
        Principal p = c.P;
        if (userid is not null && userid != c.User)
        {
            if (!c.P.IsRootUser && !c.Can("/access", "Sys.Audit"))
            {
                throw PveException.Perm($"/access, Sys.Audit");
            }

            p = c.S.Auth.PrincipalFor(userid);
        }

        var paths = new List<string> { "/", "/access", "/access/groups", "/nodes", "/pool", "/sdn", "/storage", "/vms" };
        foreach (var pool in c.S.Pools.Values)
        {
            paths.AddRange(pool.Vms.Select(v => $"/vms/{v}"));
            paths.AddRange(pool.Storage.Select(st => $"/storage/{st}"));
        }

        if (c.Str("path") is { } only)
        {
            paths = [only];
        }

        var res = J.Obj();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            var privs = J.Obj();
            foreach (var priv in p.Privileges.Where(x => p.Has(path, x)).Order(StringComparer.Ordinal))
            {
                privs[priv] = 1;
            }

            if (privs.Count > 0 || c.Str("path") is not null)
            {
                res[path] = privs;
            }
        }

        return res;
    }
}
