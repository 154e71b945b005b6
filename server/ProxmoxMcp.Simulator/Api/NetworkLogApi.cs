using System.Globalization;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

/// <summary>Logs (node syslog, cluster log, firewall logs) and read-only network views (interfaces, firewall, SDN).</summary>
internal static partial class Router
{
    private static readonly string[] SyslogServices = ["pvedaemon", "pveproxy", "pvestatd", "pve-ha-lrm", "cron", "systemd"];

    private static void RegisterLogsAndNetwork(Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> d)
    {
        d[("GET", "/nodes/{node}/syslog")] = NodeSyslog;
        d[("GET", "/cluster/log")] = ClusterLog;
        d[("GET", "/nodes/{node}/firewall/log")] = c => FirewallLog(c, null);
        d[("GET", "/nodes/{node}/network")] = NodeNetwork;
        d[("GET", "/cluster/firewall/rules")] = _ => ClusterRules();
        d[("GET", "/cluster/firewall/options")] = _ => J.Obj().Set("enable", 1).Set("policy_in", "DROP").Set("policy_out", "ACCEPT");
        d[("GET", "/cluster/firewall/groups")] = _ => new JsonArray(
            J.Obj().Set("group", "webserver").Set("comment", "HTTP and HTTPS from anywhere").Set("digest", "4f2a6c1e"),
            J.Obj().Set("group", "management").Set("comment", "SSH from the admin network").Set("digest", "9b7d3e20"));
        d[("GET", "/nodes/{node}/firewall/rules")] = _ => new JsonArray(
            Rule(0, "in", "ACCEPT", macro: "SSH", source: "10.0.0.0/24", comment: "admin network"),
            Rule(1, "in", "ACCEPT", proto: "tcp", dport: "8006", source: "10.0.0.0/24", comment: "web UI"));
        d[("GET", "/nodes/{node}/firewall/options")] = _ => J.Obj().Bool("enable", true).Set("log_level_in", "nolog").Set("log_level_out", "nolog");
        foreach (var type in new[] { "qemu", "lxc" })
        {
            var guestType = type == "qemu" ? GuestType.Qemu : GuestType.Lxc;
            d[("GET", $"/nodes/{{node}}/{type}/{{vmid}}/firewall/rules")] = c => GuestRules(c.S.LoadConfig(guestType, c.Node, c.Vmid));
            d[("GET", $"/nodes/{{node}}/{type}/{{vmid}}/firewall/options")] = c => GuestFirewallOptions(c.S.LoadConfig(guestType, c.Node, c.Vmid));
            d[("GET", $"/nodes/{{node}}/{type}/{{vmid}}/firewall/log")] = c => FirewallLog(c, c.S.LoadConfig(guestType, c.Node, c.Vmid));
        }

        d[("GET", "/cluster/sdn/zones")] = _ => new JsonArray(
            J.Obj().Set("zone", "localnet").Set("type", "simple").Set("ipam", "pve").Set("digest", "1c0ffee0"),
            J.Obj().Set("zone", "dmz").Set("type", "vlan").Set("bridge", "vmbr0").Set("ipam", "pve").Set("digest", "1c0ffee1"));
        d[("GET", "/cluster/sdn/vnets")] = _ => new JsonArray(
            J.Obj().Set("vnet", "dmz10").Set("zone", "dmz").Set("tag", 10).Set("alias", "public web").Set("type", "vnet").Set("digest", "2c0ffee0"),
            J.Obj().Set("vnet", "lab").Set("zone", "localnet").Set("type", "vnet").Set("digest", "2c0ffee1"));
    }

    /// <summary>A day of journal lines, one every 7 minutes, as "Dec 04 05:12:01 pve1 pvedaemon[1234]: ...".</summary>
    private static JsonNode NodeSyslog(ApiContext c)
    {
        var now = c.Now.ToUnixTimeSeconds();
        var since = SyslogTime(c.Str("since")) ?? now - 86400;
        var until = SyslogTime(c.Str("until")) ?? now;
        var service = c.Str("service");
        var lines = new List<string>();
        for (var t = now - 86400 + 60; t <= now; t += 420)
        {
            var i = (int)((t / 420) % SyslogServices.Length);
            var unit = SyslogServices[i];
            if (t < since || t > until || (service is not null && !string.Equals(service, unit, StringComparison.Ordinal) && !string.Equals(service, unit + ".service", StringComparison.Ordinal)))
            {
                continue;
            }

            var message = unit switch
            {
                "pvedaemon" => "<root@pam> successful auth for user 'root@pam'",
                "pveproxy" => "worker 4211 finished",
                "pvestatd" => "status update time (0.412 seconds)",
                "pve-ha-lrm" => "watchdog active",
                "cron" => "(root) CMD (test -e /run/systemd/system || SERVICE_MODE=1 /sbin/e2scrub_all -A -r)",
                _ => "Started session 4 of user root.",
            };
            var stamp = DateTimeOffset.FromUnixTimeSeconds(t).ToString("MMM dd HH:mm:ss", CultureInfo.InvariantCulture);
            lines.Add($"{stamp} {c.Node} {unit}[{1000 + (i * 37)}]: {message}");
        }

        return PagedLines(c, lines);
    }

    private static long? SyslogTime(string? text) =>
        text is null ? null : new DateTimeOffset(DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc)).ToUnixTimeSeconds();

    private static JsonNode PagedLines(ApiContext c, List<string> lines)
    {
        var start = c.Int("start") ?? 0;
        var limit = c.Int("limit") ?? 50;
        var page = new JsonArray();
        for (var n = start; n < lines.Count && n < start + limit; n++)
        {
            page.Push(J.Obj().Set("n", n + 1).Set("t", lines[n]));
        }

        c.Total = lines.Count;
        return page;
    }

    /// <summary>Task starts and ends from the task history, newest first, as PVE's cluster log records them.</summary>
    private static JsonNode ClusterLog(ApiContext c)
    {
        var max = c.Int("max") ?? 50;
        var entries = new List<(long Time, string Node, string User, string Tag, string Msg)>();
        foreach (var t in c.S.Tasks)
        {
            entries.Add((t.StartTime, t.Node, t.User, "pvedaemon", $"<{t.User}> starting task {t.Upid}"));
            if (t.EndTime is { } end)
            {
                entries.Add((end, t.Node, t.User, "pvedaemon", $"<{t.User}> end task {t.Upid} {t.ExitStatus}"));
            }
        }

        var result = new JsonArray();
        var uid = 0;
        foreach (var e in entries.OrderByDescending(e => e.Time).Take(max))
        {
            result.Push(J.Obj().Set("uid", ++uid).Set("time", e.Time).Set("pri", 6).Set("tag", e.Tag).Set("pid", 1100)
                .Set("node", e.Node).Set("user", e.User).Set("msg", e.Msg));
        }

        return result;
    }

    private static JsonNode FirewallLog(ApiContext c, SimGuest? guest)
    {
        var now = c.Now.ToUnixTimeSeconds();
        var since = c.Int("since") ?? 0;
        var until = c.Int("until") ?? long.MaxValue;
        var chain = guest is null ? "PVEFW-HOST-IN" : $"tap{guest.Vmid}i0-IN";
        var lines = new List<string>();
        for (var t = now - 3600 + 30; t <= now; t += 90)
        {
            if (t < since || t > until)
            {
                continue;
            }

            var stamp = DateTimeOffset.FromUnixTimeSeconds(t).ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture);
            var port = (t / 90 % 3) switch { 0 => 23, 1 => 3389, _ => 445 };
            lines.Add($"{guest?.Vmid ?? 0} 6 {chain} {stamp} policy DROP: IN={(guest is null ? "vmbr0" : "fwbr" + guest.Vmid + "i0")} SRC=203.0.113.{t % 250} DST=10.0.0.{(guest?.Vmid ?? 11) % 250} PROTO=TCP SPT={40000 + (t % 20000)} DPT={port} SYN");
        }

        return PagedLines(c, lines);
    }

    private static JsonNode NodeNetwork(ApiContext c)
    {
        var type = c.Str("type");
        var ip = c.NodeObj.Ip;
        var gateway = ip[..(ip.LastIndexOf('.') + 1)] + "1";
        // PVE leaves the loopback out of this list (its schema has no type for it).
        var all = new[]
        {
            J.Obj().Set("iface", "eno1").Set("type", "eth").Set("method", "manual").Set("families", new JsonArray("inet")).Bool("active", true).Bool("exists", true).Set("priority", 2),
            J.Obj().Set("iface", "eno2").Set("type", "eth").Set("method", "manual").Set("families", new JsonArray("inet")).Bool("exists", true).Set("priority", 3),
            J.Obj().Set("iface", "vmbr0").Set("type", "bridge").Set("method", "static").Set("families", new JsonArray("inet")).Bool("active", true).Bool("autostart", true)
                .Set("cidr", ip + "/24").Set("address", ip).Set("netmask", "24").Set("gateway", gateway).Set("bridge_ports", "eno1").Set("bridge_stp", "off").Set("bridge_fd", "0")
                .Bool("bridge_vlan_aware", true).Set("comments", "LAN\n").Set("priority", 4),
            J.Obj().Set("iface", "vmbr1").Set("type", "bridge").Set("method", "manual").Set("families", new JsonArray("inet")).Bool("autostart", true)
                .Set("bridge_ports", "eno2").Set("bridge_stp", "off").Set("bridge_fd", "0").Set("comments", "storage network (no link)\n").Set("priority", 5),
        };
        var result = new JsonArray();
        foreach (var iface in all.Where(i => type is null || (string?)i["type"] == type || (type == "any_bridge" && (string?)i["type"] == "bridge")))
        {
            result.Push(iface);
        }

        return result;
    }

    private static JsonObject Rule(int pos, string type, string action, string? macro = null, string? proto = null, string? dport = null, string? source = null, string? comment = null, int enable = 1) =>
        J.Obj().Set("pos", pos).Set("type", type).Set("action", action).Set("enable", enable).Set("macro", macro).Set("proto", proto)
            .Set("dport", dport).Set("source", source).Set("comment", comment).Set("digest", "7e57d16e57d16e57d16e57d16e57d16e57d16e57");

    private static JsonArray ClusterRules() => new(
        Rule(0, "group", "management", comment: "admin access everywhere"),
        Rule(1, "in", "ACCEPT", proto: "icmp", comment: "ping"),
        Rule(2, "in", "DROP", proto: "tcp", dport: "111", comment: "rpcbind", enable: 0));

    /// <summary>VM 100 (web01) has the firewall on with the webserver group and SSH from the admin net; the others have none.</summary>
    private static JsonArray GuestRules(SimGuest g) => g.Vmid == 100
        ? new(Rule(0, "group", "webserver"), Rule(1, "in", "ACCEPT", macro: "SSH", source: "10.0.0.0/24", comment: "admins"))
        : [];

    private static JsonObject GuestFirewallOptions(SimGuest g) => g.Vmid == 100
        ? J.Obj().Bool("enable", true).Set("policy_in", "DROP").Set("policy_out", "ACCEPT").Bool("dhcp", true).Bool("macfilter", true)
        : J.Obj().Bool("dhcp", true).Bool("macfilter", true);
}
