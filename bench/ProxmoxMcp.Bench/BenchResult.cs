namespace ProxmoxMcp.Bench;

/// <param name="Benchmark">The family, e.g. "startup".</param>
/// <param name="Metric">What was measured, e.g. "AOT connect->initialize median".</param>
/// <param name="Value">The measured value.</param>
/// <param name="Unit">ms, MiB, MB/s, bytes, ...</param>
/// <param name="Baseline">The same metric for the baseline measured in the same run, if any.</param>
/// <param name="BaselineName">What the baseline is, e.g. "socat EXEC:cat".</param>
/// <param name="Target">The target in words, e.g. "<= 30 ms", or null.</param>
/// <param name="TargetMet">Whether the target was met, or null when there is no target.</param>
internal sealed record BenchResult(
    string Benchmark,
    string Metric,
    double Value,
    string Unit,
    double? Baseline = null,
    string? BaselineName = null,
    string? Target = null,
    bool? TargetMet = null)
{
    public double? Ratio => Baseline is > 0 ? Value / Baseline : null;
}
