namespace ProxmoxMcp.Bench.Infrastructure;

internal static class Stats
{
    /// <summary>Nearest-rank percentile (fraction 0..1) of the values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double fraction)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(fraction * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 0.5);
}
