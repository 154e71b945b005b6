using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Bench;

internal static class ResultTable
{
    public static string Render(IEnumerable<BenchResult> results)
    {
        var rows = results.Select(r => new[]
        {
            r.Benchmark,
            r.Metric,
            Format(r.Value) + " " + r.Unit,
            r.Baseline is { } b ? Format(b) + " " + r.Unit : "",
            r.BaselineName ?? "",
            r.Ratio is { } ratio ? ratio.ToString(ratio < 0.1 ? "0.0000" : "0.00", CultureInfo.InvariantCulture) + "x" : "",
            r.Target ?? "",
            r.TargetMet switch { true => "met", false => "NOT MET", null => "" },
        }).ToList();
        string[] header = ["benchmark", "metric", "value", "baseline", "baseline is", "ratio", "target", ""];
        rows.Insert(0, header);
        var widths = Enumerable.Range(0, header.Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            sb.AppendLine("| " + string.Join(" | ", row.Select((c, i) => c.PadRight(widths[i]))) + " |");
            if (index == 0)
            {
                sb.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
            }
        }

        return sb.ToString();
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.00", CultureInfo.InvariantCulture);
}
