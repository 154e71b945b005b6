using System.Text.Json;
using ProxmoxMcp.Proxmox.Json;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Nodes;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Nodes;

/// <summary>
/// Metrics summaries from responses shaped like real rrddata (RrdData/*.json: PVE 9 node, running VM, stopped VM;
/// 70 one-minute slots, the newest still open and holding only time): cpu and iowait in percent as labelled,
/// small values kept, a stopped guest's samples reported as they are, times in ISO 8601 with seconds.
/// </summary>
public sealed class MetricsSummarizerTests
{
    private static List<RrdSample> Load(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("tests", "ProxmoxMcp.Server.Tests", "Nodes", "RrdData", name)));
        return document.RootElement.GetProperty("data").Deserialize(ProxmoxJsonContext.Default.ListRrdSample)!;
    }

    private static (List<double> Cpu, List<double> IoWait) Raw(List<RrdSample> samples) =>
        (samples.Where(s => s.Cpu is not null).Select(s => s.Cpu!.Value).ToList(), samples.Where(s => s.IoWait is not null).Select(s => s.IoWait!.Value).ToList());

    private static MetricSummary Metric(MetricsOutput output, string name) => Assert.Single(output.Metrics, m => m.Metric == name);

    [Fact]
    public void Node_CpuAndIoWait_AreInPercentAsTheirUnitSays()
    {
        var samples = Load("node-pve9-hour.json");
        var (cpu, iowait) = Raw(samples);

        var output = MetricsSummarizer.Summarize("node pve1", RrdTimeframe.Hour, samples);

        var cpuMetric = Metric(output, "cpu");
        Assert.Equal("%", cpuMetric.Unit);
        Assert.Equal(cpu.Average() * 100, cpuMetric.Average!.Value, 3);
        Assert.Equal(cpu.Max() * 100, cpuMetric.Max!.Value, 3);
        Assert.Equal(cpu[^1] * 100, cpuMetric.Latest!.Value, 3);
        Assert.Equal(iowait.Max() * 100, Metric(output, "iowait").Max!.Value, 6);
        Assert.Contains("\ncpu: 1.", output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Node_SmallIoWait_IsNotRoundedToZero()
    {
        var samples = Load("node-pve9-hour.json");
        var average = Raw(samples).IoWait.Average() * 100;
        Assert.InRange(average, 1e-4, 1e-2); // the fixture's real-world iowait: about 0.0014 %

        var iowait = Metric(MetricsSummarizer.Summarize("node pve1", RrdTimeframe.Hour, samples), "iowait");

        Assert.NotEqual(0, iowait.Average!.Value);
        Assert.Equal(average, iowait.Average.Value, average / 1000);
    }

    [Fact]
    public void Node_OpenNewestSlot_IsNotCountedAndTimesAreIso8601WithSeconds()
    {
        var samples = Load("node-pve9-hour.json");

        var output = MetricsSummarizer.Summarize("node pve1", RrdTimeframe.Hour, samples);

        Assert.Equal(69, output.Samples);
        Assert.Equal("2025-12-04T00:00:00Z", output.From);
        Assert.Equal("2025-12-04T01:08:00Z", output.To);
        Assert.Equal(samples.Last(s => s.NodeMemTotal is not null).RootTotal, Metric(output, "disk total").Latest);
    }

    [Fact]
    public void RunningVm_CpuIsPercentAndSizesArePresent()
    {
        var samples = Load("qemu-running-hour.json");
        var cpu = Raw(samples).Cpu;

        var output = MetricsSummarizer.Summarize("VM 100 on pve1", RrdTimeframe.Hour, samples);

        Assert.Equal(cpu.Average() * 100, Metric(output, "cpu").Average!.Value, 3);
        Assert.Equal(2147483648, Metric(output, "memory total").Latest);
        Assert.Equal(34359738368, Metric(output, "disk total").Latest);
        Assert.DoesNotContain("not running", output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public void StoppedVm_HistoryWithOnlySizes_IsReportedTruthfully()
    {
        var samples = Load("qemu-stopped-hour.json");

        var output = MetricsSummarizer.Summarize("VM 101 on pve1", RrdTimeframe.Hour, samples);

        Assert.Equal(70, output.Samples);
        Assert.Equal("2025-12-04T00:00:00Z", output.From);
        Assert.Equal("2025-12-04T01:09:00Z", output.To);
        Assert.Equal(2147483648, Metric(output, "memory total").Average);
        Assert.Equal(34359738368, Metric(output, "disk total").Max);
        Assert.DoesNotContain(output.Metrics, m => m.Metric == "cpu");
        var text = output.ToText();
        Assert.Contains("(70 samples, 2025-12-04T00:00:00Z to 2025-12-04T01:09:00Z)", text, StringComparison.Ordinal);
        Assert.Contains("memory total: 2 GiB / 2 GiB / 2 GiB", text, StringComparison.Ordinal);
        Assert.Contains("the guest was not running", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NoSamples_SaysSoInsteadOfAnEmptyRange()
    {
        var text = MetricsSummarizer.Summarize("VM 102 on pve1", RrdTimeframe.Hour, []).ToText();

        Assert.Contains("no samples", text, StringComparison.Ordinal);
        Assert.DoesNotContain(", to", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.00208333333333333, 0.002083)]
    [InlineData(1.04166666666667, 1.042)]
    [InlineData(123456.7, 123500)]
    [InlineData(0, 0)]
    public void Significant_KeepsFourSignificantDigits(double value, double expected) =>
        Assert.Equal(expected, MetricsSummarizer.Significant(value), expected == 0 ? 0 : Math.Abs(expected) * 1e-9);
}
