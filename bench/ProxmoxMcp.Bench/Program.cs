using System.Diagnostics;
using System.Globalization;
using ProxmoxMcp.Bench;
using ProxmoxMcp.Bench.Infrastructure;
using ProxmoxMcp.TestSupport;

// Usage: bench/run.sh [--quick] [benchmark names...]
//   (or: dotnet run -c Release --project bench/ProxmoxMcp.Bench -- [--quick] [names...])
var quick = args.Contains("--quick");
var selected = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
IBenchmark[] all = BenchmarkCatalog.All;
var unknown = selected.Where(s => all.All(b => !string.Equals(b.Name, s, StringComparison.OrdinalIgnoreCase))).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"bench: unknown benchmark(s): {string.Join(", ", unknown)}; known: {string.Join(", ", all.Select(b => b.Name))}");
    return 2;
}

var benchmarks = all.Where(b => selected.Count == 0 || selected.Contains(b.Name)).ToList();

Console.Error.WriteLine("bench: publishing the AOT server and the bridge (Release, linux-x64)...");
var context = new BenchContext(await PublishedBinaries.ServerAsync(), await PublishedBinaries.BridgeAsync(), quick);
var loadBefore = Machine.Load();
var stopwatch = Stopwatch.StartNew();
var results = new List<BenchResult>();
var failures = new List<string>();
foreach (var benchmark in benchmarks)
{
    Console.Error.WriteLine($"bench: {benchmark.Name}... (load {Machine.Load()})");
    try
    {
        results.AddRange(await benchmark.RunAsync(context, CancellationToken.None));
    }
#pragma warning disable CA1031 // one broken benchmark must not hide the others' figures
    catch (Exception e)
#pragma warning restore CA1031
    {
        failures.Add($"{benchmark.Name}: {e.GetType().Name}: {e.Message}");
        results.Add(new BenchResult(benchmark.Name, "benchmark failed to run (see below)", double.NaN, "", Target: "runs", TargetMet: false));
    }
}

Console.WriteLine($"ProxmoxMcp benchmarks, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC{(quick ? ", --quick" : "")}");
Console.WriteLine($"machine: {Machine.Describe()}");
Console.WriteLine($"load average (1/5/15 min): {loadBefore} at start, {Machine.Load()} at end; {stopwatch.Elapsed.TotalSeconds:0} s of measuring");
Console.WriteLine("Every baseline is measured in this same run on this machine; ratio = value / baseline. Absolute times drift with load, ratios much less.");
Console.WriteLine();
Console.Write(ResultTable.Render(results));
foreach (var failure in failures)
{
    Console.WriteLine("FAILED " + failure);
}

var missed = results.Count(r => r.TargetMet == false);
Console.WriteLine(missed == 0 ? "All targets met." : $"{missed} target(s) NOT MET.");
return missed == 0 ? 0 : 1;
