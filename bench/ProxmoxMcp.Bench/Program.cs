using ProxmoxMcp.Bench;
using ProxmoxMcp.TestSupport;

// Usage: dotnet run -c Release --project bench/ProxmoxMcp.Bench -- [--quick] [benchmark names...]
var quick = args.Contains("--quick");
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
IBenchmark[] all = BenchmarkCatalog.All;
var benchmarks = all.Where(b => selected.Count == 0 || selected.Contains(b.Name)).ToList();

Console.Error.WriteLine("bench: publishing the AOT server and the bridge (Release, linux-x64)...");
var context = new BenchContext(await PublishedBinaries.ServerAsync(), await PublishedBinaries.BridgeAsync(), quick);
var results = new List<BenchResult>();
foreach (var benchmark in benchmarks)
{
    Console.Error.WriteLine($"bench: {benchmark.Name}...");
    results.AddRange(await benchmark.RunAsync(context, CancellationToken.None));
}

Console.WriteLine(ResultTable.Render(results));
return results.Any(r => r.TargetMet == false) ? 1 : 0;
