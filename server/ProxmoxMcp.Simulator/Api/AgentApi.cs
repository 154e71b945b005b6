using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ProxmoxMcp.Simulator.Infrastructure;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

/// <summary>The QEMU guest agent endpoints (/nodes/{node}/qemu/{vmid}/agent/...) and a container's /interfaces.</summary>
internal static partial class Router
{
    private const string AgentBase = "/nodes/{node}/qemu/{vmid}/agent";

    private static void RegisterAgent(Dictionary<(string Method, string Path), Func<ApiContext, JsonNode?>> d)
    {
        d[("GET", AgentBase + "/network-get-interfaces")] = AgentNetwork;
        d[("GET", AgentBase + "/get-osinfo")] = AgentOsInfo;
        d[("GET", AgentBase + "/get-host-name")] = c => Result(J.Obj().Set("host-name", AgentGuest(c).Name));
        d[("POST", AgentBase + "/ping")] = c =>
        {
            AgentGuest(c);
            return Result(J.Obj());
        };
        d[("POST", AgentBase + "/exec")] = AgentExec;
        d[("GET", AgentBase + "/exec-status")] = AgentExecStatus;
        d[("GET", AgentBase + "/file-read")] = AgentFileRead;
        d[("GET", "/nodes/{node}/lxc/{vmid}/interfaces")] = ContainerInterfaces;
    }

    private static JsonObject Result(JsonNode value) => J.Obj().Set("result", value);

    private static SimGuest AgentGuest(ApiContext c)
    {
        var g = c.S.LoadConfig(GuestType.Qemu, c.Node, c.Vmid);
        ClusterState.AssertAgentAvailable(g);
        return g;
    }

    private static JsonNode AgentNetwork(ApiContext c)
    {
        var g = AgentGuest(c);
        var (ip, prefix) = ClusterState.GuestIpv4(g);
        var mac = ClusterState.GuestMac(g);
        var seed = g.TrafficSeed;
        JsonObject Stats(long rx, long tx) => J.Obj().Set("rx-bytes", rx).Set("rx-packets", rx / 900).Set("rx-errs", 0).Set("rx-dropped", 0)
            .Set("tx-bytes", tx).Set("tx-packets", tx / 700).Set("tx-errs", 0).Set("tx-dropped", 0);
        JsonObject Addr(string a, string type, int p) => J.Obj().Set("ip-address", a).Set("ip-address-type", type).Set("prefix", p);
        var interfaces = new JsonArray(
            J.Obj().Set("name", "lo").Set("hardware-address", "00:00:00:00:00:00")
                .Set("ip-addresses", new JsonArray(Addr("127.0.0.1", "ipv4", 8), Addr("::1", "ipv6", 128)))
                .Set("statistics", Stats(12_345, 12_345)),
            J.Obj().Set("name", "eth0").Set("hardware-address", mac)
                .Set("ip-addresses", new JsonArray(Addr(ip, "ipv4", prefix), Addr(ClusterState.LinkLocal(mac), "ipv6", 64)))
                .Set("statistics", Stats(seed * 13 % 9_000_000_000, seed * 7 % 4_000_000_000)));
        return Result(interfaces);
    }

    private static JsonNode AgentOsInfo(ApiContext c)
    {
        var g = AgentGuest(c);
        if (g.Config.GetValueOrDefault("ostype") is { } os && os.StartsWith("win", StringComparison.Ordinal))
        {
            return Result(J.Obj().Set("id", "mswindows").Set("kernel-release", "26100").Set("kernel-version", "10.0").Set("machine", "x86_64")
                .Set("name", "Microsoft Windows").Set("pretty-name", "Windows 11 Pro").Set("version", "Microsoft Windows 11").Set("version-id", "11"));
        }

        return Result(J.Obj().Set("id", "debian").Set("kernel-release", "6.1.0-37-amd64")
            .Set("kernel-version", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22)").Set("machine", "x86_64")
            .Set("name", "Debian GNU/Linux").Set("pretty-name", "Debian GNU/Linux 12 (bookworm)").Set("version", "12 (bookworm)").Set("version-id", "12"));
    }

    private static JsonNode AgentExec(ApiContext c)
    {
        var g = AgentGuest(c);
        var command = c.Params.TryGetValue("command", out var raw) ? raw.Split((char)0) : [];
        if (command.Length == 0 || command[0].Length == 0)
        {
            throw PveException.Param("command", "property is missing and it is not optional");
        }

        return J.Obj().Set("pid", c.S.StartExec(g, command));
    }

    private static JsonNode AgentExecStatus(ApiContext c)
    {
        var g = AgentGuest(c);
        var pid = c.Int("pid") ?? 0;
        var exec = c.S.ExecStatus(g, pid);
        if (exec is null)
        {
            return J.Obj().Bool("exited", false);
        }

        var e = J.Obj().Bool("exited", true).Set("exitcode", exec.ExitCode);
        if (exec.Out.Length > 0)
        {
            e.Set("out-data", exec.Out);
        }

        if (exec.Err.Length > 0)
        {
            e.Set("err-data", exec.Err);
        }

        return e;
    }

    private static JsonNode AgentFileRead(ApiContext c)
    {
        var g = AgentGuest(c);
        var file = c.Str("file")!;
        var content = c.S.GuestFile(g, file)
            ?? throw PveException.Die($"Agent error: Failed to open file '{file}': No such file or directory");
        var bytes = Encoding.UTF8.GetBytes(content);
        var offset = (int)Math.Min(bytes.Length, Math.Max(0, c.Int("offset") ?? 0));
        var count = Math.Min(c.Int("count") ?? 16 * 1024 * 1024, bytes.Length - offset);
        var e = J.Obj().Set("content", Encoding.UTF8.GetString(bytes, offset, count));
        if (offset + count < bytes.Length)
        {
            e.Bool("truncated", true);
        }

        return e;
    }

    private static JsonNode? ContainerInterfaces(ApiContext c)
    {
        var g = c.S.LoadConfig(GuestType.Lxc, c.Node, c.Vmid);
        if (g.Status == GuestStatus.Stopped)
        {
            // PVE::LXC::get_interfaces returns nothing when the container has no running pid
            return null;
        }

        var (ip, prefix) = ClusterState.GuestIpv4(g);
        var mac = ClusterState.GuestMac(g);
        JsonObject Addr(string a, string type, int p) => J.Obj().Set("ip-address", a).Set("ip-address-type", type).Set("prefix", p);
        return new JsonArray(
            J.Obj().Set("name", "lo").Set("hwaddr", "00:00:00:00:00:00").Set("hardware-address", "00:00:00:00:00:00")
                .Set("inet", "127.0.0.1/8").Set("inet6", "::1/128")
                .Set("ip-addresses", new JsonArray(Addr("127.0.0.1", "ipv4", 8), Addr("::1", "ipv6", 128))),
            J.Obj().Set("name", "eth0").Set("hwaddr", mac).Set("hardware-address", mac)
                .Set("inet", string.Create(CultureInfo.InvariantCulture, $"{ip}/{prefix}")).Set("inet6", ClusterState.LinkLocal(mac) + "/64")
                .Set("ip-addresses", new JsonArray(Addr(ip, "ipv4", prefix), Addr(ClusterState.LinkLocal(mac), "ipv6", 64))));
    }
}
