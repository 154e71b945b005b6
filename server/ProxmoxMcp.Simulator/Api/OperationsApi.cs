using System.Globalization;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

/// <summary>Backup jobs, HA and replication: what the operational checks read.</summary>
internal static partial class Router
{
    private static void RegisterOperations(Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> d)
    {
        d[("GET", "/cluster/backup")] = BackupJobs;
        d[("GET", "/cluster/backup-info/not-backed-up")] = NotBackedUp;
        d[("GET", "/cluster/ha/status/current")] = HaStatus;
        d[("GET", "/cluster/ha/resources")] = HaResources;
        d[("GET", "/cluster/replication")] = ReplicationJobs;
        d[("GET", "/nodes/{node}/replication")] = NodeReplication;
    }

    private static JsonNode BackupJobs(ApiContext c)
    {
        var arr = new JsonArray();
        foreach (var j in c.S.BackupJobs)
        {
            var e = J.Obj().Set("id", j.Id).Set("type", "vzdump").Set("schedule", j.Schedule).Set("storage", j.Storage).Bool("enabled", j.Enabled)
                .Set("mode", j.Mode).Set("compress", j.Compress).Set("vmid", j.Vmids).Set("pool", j.Pool).Set("node", j.Node)
                .Set("exclude", j.Exclude).Set("comment", j.Comment).Set("notes-template", j.NotesTemplate);
            if (j.All)
            {
                e.Bool("all", true);
            }

            if (j.Enabled)
            {
                e.Set("next-run", NextRun(c.S.UnixNow, j.Schedule));
            }

            arr.Push(e);
        }

        return arr;
    }

    /// <summary>The next run of a "HH:MM" or "dow HH:MM" schedule, roughly (the day is not checked).</summary>
    private static long NextRun(long now, string schedule)
    {
        var time = schedule.Split(' ')[^1].Split(':');
        var minutes = (int.Parse(time[0], CultureInfo.InvariantCulture) * 60) + int.Parse(time[1], CultureInfo.InvariantCulture);
        var day = now / 86400 * 86400;
        var at = day + (minutes * 60L);
        return at > now ? at : at + 86400;
    }

    private static JsonNode NotBackedUp(ApiContext c)
    {
        var included = new HashSet<int>();
        foreach (var job in c.S.BackupJobs.Where(j => j.Enabled))
        {
            included.UnionWith(c.S.IncludedGuests(job));
        }

        var arr = new JsonArray();
        foreach (var g in c.S.Guests.Values)
        {
            if (!included.Contains(g.Vmid))
            {
                arr.Push(J.Obj().Set("vmid", g.Vmid).Set("type", g.TypeName).Set("name", g.Name));
            }
        }

        return arr;
    }

    private static string HaTime(long unix) =>
        DateTimeOffset.FromUnixTimeSeconds(unix).UtcDateTime.ToString("ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture);

    private static JsonNode HaStatus(ApiContext c)
    {
        var s = c.S;
        var now = s.UnixNow;
        var quorate = s.Nodes.Count(n => n.Online) * 2 > s.Nodes.Count;
        var master = s.Nodes.FirstOrDefault(n => n.Online) ?? s.LocalNode;
        var services = s.Guests.Values.Where(g => g.HaState is not null).ToList();
        var arr = new JsonArray(
            J.Obj().Set("id", "quorum").Set("type", "quorum").Set("node", s.LocalNode.Name).Set("status", quorate ? "OK" : "No quorum on node '" + s.LocalNode.Name + "'!").Bool("quorate", quorate));
        if (services.Count > 0)
        {
            arr.Push(J.Obj().Set("id", "master").Set("type", "master").Set("node", master.Name).Set("status", $"{master.Name} (active, {HaTime(now - 4)})").Set("timestamp", now - 4));
            foreach (var n in s.Nodes)
            {
                var active = services.Any(g => g.Node == n.Name);
                var status = n.Online ? $"{n.Name} ({(active ? "active" : "idle")}, {HaTime(now - 3)})" : $"{n.Name} (old timestamp - dead?, {HaTime(now - 600)})";
                arr.Push(J.Obj().Set("id", $"lrm:{n.Name}").Set("type", "lrm").Set("node", n.Name).Set("status", status).Set("timestamp", n.Online ? now - 3 : now - 600));
            }
        }

        foreach (var g in services)
        {
            var sid = $"{(g.IsQemu ? "vm" : "ct")}:{g.Vmid}";
            var state = s.NodeByName[g.Node].Online ? g.HaState! : "fence";
            arr.Push(J.Obj().Set("id", $"service:{sid}").Set("type", "service").Set("sid", sid).Set("node", g.Node).Set("state", state)
                .Set("status", state).Set("crm_state", state).Set("request_state", g.HaState).Set("max_restart", 1).Set("max_relocate", 1).Bool("failback", true));
        }

        return arr;
    }

    private static JsonNode HaResources(ApiContext c)
    {
        var type = c.Str("type");
        var arr = new JsonArray();
        foreach (var g in c.S.Guests.Values.Where(g => g.HaState is not null))
        {
            var kind = g.IsQemu ? "vm" : "ct";
            if (type is not null && type != kind)
            {
                continue;
            }

            arr.Push(J.Obj().Set("sid", $"{kind}:{g.Vmid}").Set("type", kind).Set("state", g.HaState).Set("max_restart", 1).Set("max_relocate", 1)
                .Set("digest", "2f1b8f0c4d3e6a7b9c0d1e2f3a4b5c6d7e8f9a0b"));
        }

        return arr;
    }

    private static JsonNode ReplicationJobs(ApiContext c)
    {
        var arr = new JsonArray();
        foreach (var j in c.S.ReplicationJobs.Where(j => c.Can($"/vms/{j.Guest}", "VM.Audit")))
        {
            arr.Push(J.Obj().Set("id", j.Id).Set("jobnum", j.JobNum).Set("guest", j.Guest).Set("target", j.Target).Set("type", "local")
                .Set("schedule", j.Schedule).Set("source", c.S.FindGuest(j.Guest)?.Node));
        }

        return arr;
    }

    private static JsonNode NodeReplication(ApiContext c)
    {
        var guest = c.Int("guest");
        var arr = new JsonArray();
        foreach (var j in c.S.ReplicationJobs)
        {
            var g = c.S.FindGuest(j.Guest);
            if (g is null || g.Node != c.Node || (guest is not null && guest != j.Guest) || !c.Can($"/vms/{j.Guest}", "VM.Audit"))
            {
                continue;
            }

            var e = J.Obj().Set("id", j.Id).Set("jobnum", j.JobNum).Set("guest", j.Guest).Set("target", j.Target).Set("type", "local")
                .Set("schedule", j.Schedule).Set("source", g.Node).Set("vmtype", g.TypeName).Set("last_sync", j.LastSync).Set("last_try", j.LastTry)
                .Set("next_sync", j.LastTry + 900).Set("duration", j.Duration).Set("fail_count", j.FailCount).Set("error", j.Error);
            arr.Push(e);
        }

        return arr;
    }
}
