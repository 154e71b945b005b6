using System.Diagnostics;

namespace ProxmoxMcp.Simulator.Tests;

public class ScaleAndConcurrencyTests
{
    [Fact]
    public async Task LargeEstate_ClusterResourcesReturnsAllGuests()
    {
        using var sim = new Sim(new SimulatorOptions { Estate = EstateSize.Large(10, 5000) });
        var r = await sim.Get("/cluster/resources", ("type", "vm"));
        Assert.Equal(5000, r.Data!.AsArray().Count);
        var nodes = (await sim.Get("/nodes")).Data!.AsArray();
        Assert.Equal(10, nodes.Count);
        var all = (await sim.Get("/cluster/resources")).Data!.AsArray();
        Assert.Equal(10, all.Count(x => (string?)x!["type"] == "node"));
        Assert.Equal(30, all.Count(x => (string?)x!["type"] == "storage"));
    }

    [Fact]
    public void LargeEstate_IsDeterministicForASeed()
    {
        using var a = new Sim(new SimulatorOptions { Estate = EstateSize.Large(4, 300), Seed = 7 });
        using var b = new Sim(new SimulatorOptions { Estate = EstateSize.Large(4, 300), Seed = 7 });
        foreach (var vmid in new[] { 100, 150, 399 })
        {
            var ga = a.Guest(vmid);
            var gb = b.Guest(vmid);
            Assert.Equal(ga.Config, gb.Config);
            Assert.Equal(ga.Status, gb.Status);
            Assert.Equal(ga.Node, gb.Node);
        }
    }

    [Fact]
    public async Task ParallelRequests_KeepStateConsistent()
    {
        using var sim = new Sim();
        var work = new List<Func<Task<SimulatedResponse>>>();
        work.AddRange(Enumerable.Range(0, 40).Select(i => (Func<Task<SimulatedResponse>>)(() => sim.Post("/pools", ("poolid", $"p{i}")))));
        work.AddRange(Enumerable.Range(0, 200).Select(i => (Func<Task<SimulatedResponse>>)(() => sim.Get(i % 2 == 0 ? "/cluster/resources" : "/nodes/pve1/qemu"))));
        work.AddRange(Enumerable.Range(0, 20).Select(i => (Func<Task<SimulatedResponse>>)(() =>
            sim.Post("/nodes/pve1/qemu/9000/clone", ("newid", (300 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))))));
        var results = await Task.WhenAll(work.Select(Task.Run));
        Assert.All(results, r => Assert.Equal(200, r.Status));
        Assert.Equal(42, sim.Cluster.Pools.Count);
        sim.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(20, Enumerable.Range(300, 20).Count(v => sim.Cluster.TryGetGuest(v, out var g) && g.Lock is null));
        Assert.Equal(260, sim.Cluster.Requests.Count);
        Assert.Equal(20, sim.Cluster.Tasks.Count(t => t.Type == "qmclone" && t.IsOk));
        Assert.Equal(20, sim.Cluster.Tasks.Where(t => !t.Historic).Select(t => t.Upid).Distinct().Count());
    }

    [Fact]
    public async Task ConcurrentRequests_FromManyThreads_AllAnswered()
    {
        using var cluster = new SimulatedCluster(new SimulatorOptions { TaskDuration = TimeSpan.Zero });
        using var client = new HttpClient(cluster.CreateHandler()) { BaseAddress = new Uri("https://pve.sim:8006/api2/json/") };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", SimulatedCredentials.AdminAuthorizationHeader);
        var sw = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, 20).Select(async worker =>
        {
            var ok = 0;
            for (var i = 0; i < 25; i++)
            {
                using var r = await client.GetAsync(i % 3 == 0 ? "cluster/resources" : i % 3 == 1 ? "nodes/pve1/qemu/100/status/current" : "nodes/pve2/storage");
                ok += r.IsSuccessStatusCode ? 1 : 0;
            }

            return ok;
        });
        var counts = await Task.WhenAll(tasks);
        Assert.Equal(500, counts.Sum());
        Assert.Equal(500, cluster.Requests.Count);
    }
}
