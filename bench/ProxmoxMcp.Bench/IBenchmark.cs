namespace ProxmoxMcp.Bench;

/// <summary>One family of measurements (start-up, tool calls, bridge, ...), each reported against a baseline from the same run.</summary>
internal interface IBenchmark
{
    string Name { get; }

    Task<IReadOnlyList<BenchResult>> RunAsync(BenchContext context, CancellationToken cancellationToken);
}
