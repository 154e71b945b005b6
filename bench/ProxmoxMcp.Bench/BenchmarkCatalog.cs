namespace ProxmoxMcp.Bench;

internal static class BenchmarkCatalog
{
    /// <summary>Every benchmark, in the order the table shows them. Add new ones here.</summary>
    public static IBenchmark[] All =>
    [
        new Startup.StartupBenchmark(),
        new ToolsList.ToolsListBenchmark(),
        new ToolCalls.ToolCallBenchmark(),
        new Concurrency.ConcurrencyBenchmark(),
        new Scale.ScaleBenchmark(),
        new Bridge.BridgeBenchmark(),
        new Http.HttpBenchmark(),
    ];
}
