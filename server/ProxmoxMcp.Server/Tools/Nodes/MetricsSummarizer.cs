using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Nodes;

/// <summary>Condenses RRD samples into average, maximum and latest value per metric.</summary>
public static class MetricsSummarizer
{
    public static MetricsOutput Summarize(string subject, RrdTimeframe timeframe, IReadOnlyList<RrdSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var valid = samples.Where(s => s.Cpu is not null || s.Mem is not null || s.NodeMemUsed is not null).OrderBy(s => s.Time).ToList();
        var metrics = new List<MetricSummary>();
        void Add(string name, string unit, Func<RrdSample, double?> select)
        {
            var values = valid.Select(select).ToList();
            var present = values.OfType<double>().ToList();
            if (present.Count > 0)
            {
                metrics.Add(new MetricSummary(name, unit, Math.Round(present.Average(), 4), Math.Round(present.Max(), 4), values.LastOrDefault(v => v is not null)));
            }
        }

        Add("cpu", "%", s => s.Cpu);
        Add("iowait", "%", s => s.IoWait);
        Add("load average", "", s => s.LoadAverage);
        Add("memory used", "bytes", s => s.NodeMemUsed ?? s.Mem);
        Add("memory total", "bytes", s => s.NodeMemTotal ?? s.MaxMem);
        Add("root disk used", "bytes", s => s.RootUsed);
        Add("network in", "bytes/s", s => s.NetIn);
        Add("network out", "bytes/s", s => s.NetOut);
        Add("disk read", "bytes/s", s => s.DiskRead);
        Add("disk write", "bytes/s", s => s.DiskWrite);
        return new MetricsOutput
        {
            Subject = subject,
            Timeframe = timeframe.ToString().ToLowerInvariant(),
            Samples = valid.Count,
            From = valid.Count > 0 ? Format.IsoTime(valid[0].Time) : null,
            To = valid.Count > 0 ? Format.IsoTime(valid[^1].Time) : null,
            Metrics = metrics,
        };
    }
}
