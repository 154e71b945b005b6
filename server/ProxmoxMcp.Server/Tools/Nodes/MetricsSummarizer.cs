using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Nodes;

/// <summary>
/// Condenses RRD samples into average, maximum and latest value per metric. Proxmox gives cpu and iowait as 0-1
/// fractions; they are reported in percent, as their unit says. Percentages and load keep four significant digits
/// (bytes stay whole numbers), so a small real value (an iowait of 2e-5) stays visible instead of rounding to 0.
/// A sample counts when it carries any value: a stopped guest's history has only maxmem/maxdisk, reported as it is.
/// </summary>
public static class MetricsSummarizer
{
    private const int SignificantDigits = 4;

    public static MetricsOutput Summarize(string subject, RrdTimeframe timeframe, IReadOnlyList<RrdSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var valid = samples.Where(HasAnyValue).OrderBy(s => s.Time).ToList();
        var metrics = new List<MetricSummary>();
        void Add(string name, string unit, Func<RrdSample, double?> select, double scale = 1)
        {
            var present = valid.Select(select).OfType<double>().Select(v => v * scale).ToList();
            if (present.Count > 0)
            {
                // Byte counts and rates stay whole numbers; percentages and load keep significant digits.
                Func<double, double> round = unit.StartsWith("bytes", StringComparison.Ordinal) ? Math.Round : Significant;
                metrics.Add(new MetricSummary(name, unit, round(present.Average()), round(present.Max()), round(present[^1])));
            }
        }

        Add("cpu", "%", s => s.Cpu, scale: 100);
        Add("iowait", "%", s => s.IoWait, scale: 100);
        Add("load average", "", s => s.LoadAverage);
        Add("memory used", "bytes", s => s.NodeMemUsed ?? s.Mem);
        Add("memory total", "bytes", s => s.NodeMemTotal ?? s.MaxMem);
        Add("root disk used", "bytes", s => s.RootUsed);
        Add("disk total", "bytes", s => s.RootTotal ?? s.MaxDisk);
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

    /// <summary>Rounds to four significant digits: 123456.7 gives 123500, 0.0000234 gives 0.0000234.</summary>
    public static double Significant(double value)
    {
        if (value == 0 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        var decimals = SignificantDigits - 1 - magnitude;
        if (decimals >= 0)
        {
            return Math.Round(value, Math.Min(decimals, 15));
        }

        var factor = Math.Pow(10, -decimals);
        return Math.Round(value / factor) * factor;
    }

    private static bool HasAnyValue(RrdSample s) =>
        s.Cpu is not null || s.IoWait is not null || s.LoadAverage is not null || s.NodeMemUsed is not null || s.NodeMemTotal is not null
        || s.Mem is not null || s.MaxMem is not null || s.RootUsed is not null || s.RootTotal is not null || s.Disk is not null
        || s.MaxDisk is not null || s.NetIn is not null || s.NetOut is not null || s.DiskRead is not null || s.DiskWrite is not null;
}
