using System.Globalization;
using ProxmoxMcp.Simulator.Model;

namespace ProxmoxMcp.Simulator.Api;

/// <summary>Plausible, deterministic live metrics derived from the seed and the clock.</summary>
internal static class Metrics
{
    private static double Wave(int seed, long id, long t) => Det.Unit(seed, id, t / 60, 7);

    public static bool IsUp(SimGuest g) => g.Status != GuestStatus.Stopped;

    public static long Uptime(ClusterState s, SimGuest g) =>
        IsUp(g) && g.StartedAt is { } st ? Math.Max(0, (long)(s.Now - st).TotalSeconds) : 0;

    public static double Cpu(ClusterState s, SimGuest g, long? at = null)
    {
        if (g.Status != GuestStatus.Running)
        {
            return 0;
        }

        var t = at ?? s.UnixNow;
        return Math.Round(g.CpuLoad * (0.6 + 0.8 * Wave(s.Seed, g.Vmid, t)), 6);
    }

    public static long Mem(ClusterState s, SimGuest g, long? at = null)
    {
        if (!IsUp(g))
        {
            return 0;
        }

        var t = at ?? s.UnixNow;
        return (long)(g.MaxMem * Math.Min(0.98, g.MemFraction * (0.9 + 0.2 * Wave(s.Seed, g.Vmid + 1_000_000, t))));
    }

    public static long Net(ClusterState s, SimGuest g, bool outbound)
    {
        var up = Uptime(s, g);
        if (up == 0)
        {
            return 0;
        }

        var rate = outbound ? 9_000 + (g.TrafficSeed % 40_000) : 25_000 + (g.TrafficSeed % 90_000);
        return (g.TrafficSeed / (outbound ? 7 : 3)) + (up * rate);
    }

    public static long DiskIo(ClusterState s, SimGuest g, bool write)
    {
        var up = Uptime(s, g);
        if (up == 0)
        {
            return 0;
        }

        return (g.TrafficSeed * (write ? 5 : 3)) + (up * (write ? 12_000 : 30_000));
    }

    public static long MaxDisk(SimGuest g) => g.MaxDisk;

    public static long DiskUsed(ClusterState s, SimGuest g) =>
        g.IsQemu || !IsUp(g) ? 0 : (long)(MaxDisk(g) * (0.2 + (0.5 * Det.Unit(s.Seed, g.Vmid, 31))));

    /// <summary>Per node: sum of running guests' cpu load (in cores) and of their memory (bytes). One pass over all guests.</summary>
    public static Dictionary<string, (double Cpu, double Mem)> NodeLoads(ClusterState s) => s.CachedNodeLoads(ComputeNodeLoads);

    private static Dictionary<string, (double Cpu, double Mem)> ComputeNodeLoads(ClusterState s)
    {
        var d = new Dictionary<string, (double Cpu, double Mem)>(StringComparer.Ordinal);
        foreach (var g in s.Guests.Values)
        {
            if (!IsUp(g))
            {
                continue;
            }

            d.TryGetValue(g.Node, out var cur);
            d[g.Node] = (cur.Cpu + (g.Status == GuestStatus.Running ? g.CpuLoad * g.MaxCpu : 0), cur.Mem + ((double)g.MaxMem * g.MemFraction));
        }

        return d;
    }

    public static double NodeCpu(ClusterState s, SimNode n, long? at = null, Dictionary<string, (double Cpu, double Mem)>? loads = null)
    {
        var t = at ?? s.UnixNow;
        var guests = (loads ?? NodeLoads(s)).GetValueOrDefault(n.Name).Cpu;
        return Math.Round(Math.Min(1, n.CpuBase * (0.7 + 0.6 * Wave(s.Seed, -n.NodeId, t)) + guests / Math.Max(1, n.Threads) * 0.5), 6);
    }

    public static long NodeMem(ClusterState s, SimNode n, long? at = null, Dictionary<string, (double Cpu, double Mem)>? loads = null)
    {
        var t = at ?? s.UnixNow;
        var guests = (loads ?? NodeLoads(s)).GetValueOrDefault(n.Name).Mem;
        return (long)Math.Min(n.MemTotal * 0.95, (n.MemTotal * n.MemBase * (0.95 + 0.1 * Wave(s.Seed, -n.NodeId - 100, t))) + guests);
    }

    public static long NodeUptime(ClusterState s, SimNode n) => (long)(s.Now - n.BootTime).TotalSeconds;

    public static string LoadAvg(double cpu, SimNode n, int i) =>
        (cpu * n.Threads * (1.0 - (i * 0.08))).ToString("F2", CultureInfo.InvariantCulture);
}
