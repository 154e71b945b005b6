using System.Text.Json;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Vms;

public class VmReadToolsTests
{
    [Fact]
    public async Task GetVms_ListsOnlyVmsSortedByVmid()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_vms")).AssertSuccess();

        var ids = Vmids(result);
        Assert.Equal(ids.Order(), ids);
        Assert.Contains(100, ids);
        Assert.Contains(9000, ids);
        Assert.DoesNotContain(200, ids);
        Assert.StartsWith("vmid name node status cpu% cpus mem(MiB) maxmem(MiB) maxdisk(GiB) uptime(s) tags pool", result.Text().Split('\n')[1], StringComparison.Ordinal);
        Assert.Matches(@"^100 web01 pve1 running [\d.]+ 2 \d+ 4096 \d+ \S+ ", result.Text().Split('\n')[2]);
    }

    [Fact]
    public async Task GetVms_FiltersByNodeStatusNameTagAndTemplate()
    {
        await using var server = await SimulatedServer.StartAsync();

        Assert.All(Items(await server.CallAsync("get_vms", new { node = "pve1" })), g => Assert.Equal("pve1", g.GetProperty("node").GetString()));
        Assert.All(Items(await server.CallAsync("get_vms", new { status = "stopped" })), g => Assert.Equal("stopped", g.GetProperty("status").GetString()));
        Assert.Equal([100], Vmids(await server.CallAsync("get_vms", new { name = "WEB" })));
        Assert.All(Items(await server.CallAsync("get_vms", new { tag = "prod" })), g => Assert.Contains("prod", g.GetProperty("tags").GetString()!, StringComparison.Ordinal));
        Assert.Equal([9000], Vmids(await server.CallAsync("get_vms", new { template = true })));
        Assert.DoesNotContain(9000, Vmids(await server.CallAsync("get_vms", new { template = false })));
    }

    [Fact]
    public async Task GetVms_WhenNodeIsUnknown_ListsTheKnownNodes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_vms", new { node = "pve9" });

        result.AssertError("no node 'pve9'");
        Assert.Contains("pve1, pve2, pve3", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVms_WhenStatusIsMisspelt_NamesTheArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("get_vms", new { status = "runing" });

        result.AssertError("'status'");
    }

    [Fact]
    public async Task GetVms_OnA5000GuestEstate_MakesOneRequestAndReturnsASmallPage()
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions
        {
            Estate = EstateSize.Large(5, 5000),
            TaskDuration = TimeSpan.FromMilliseconds(100),
        });

        var before = server.Cluster.Requests.Count;
        var first = (await server.CallAsync("get_vms")).AssertSuccess();
        var second = (await server.CallAsync("get_vms", new { offset = 50, limit = 10 })).AssertSuccess();

        Assert.Equal(before + 2, server.Cluster.Requests.Count);
        Assert.Equal(2, server.Cluster.Requests.Entries.Skip(before).Count(e => e.Path == "/cluster/resources"));
        var page = first.Structured().GetProperty("page");
        Assert.Equal(20, page.GetProperty("returned").GetInt32());
        Assert.Equal(20, page.GetProperty("next_offset").GetInt32());
        Assert.True(page.GetProperty("total").GetInt32() > 3000, "most of 5,000 generated guests are VMs");
        Assert.True(first.Text().Length < 8000, $"a default page should stay small, was {first.Text().Length} characters");
        Assert.Contains("call again with offset=20", first.Text(), StringComparison.Ordinal);
        Assert.True(Vmids(first).Max() < Vmids(second).Min());
        Assert.Equal(10, Vmids(second).Count);
    }

    [Fact]
    public async Task GetVm_ReturnsStatusAndKeyConfiguration()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_vm", new { vmid = 100 })).AssertSuccess();

        var vm = result.Structured();
        Assert.Equal("web01", vm.String("name"));
        Assert.Equal("running", vm.String("status"));
        Assert.Equal("pve1", vm.String("node"));
        Assert.Equal(2, vm.GetProperty("cores").GetInt32());
        Assert.Equal(4096, vm.GetProperty("memory_mib").GetInt64());
        Assert.Contains(vm.GetProperty("disks").EnumerateArray(), d => d.String("key") == "scsi0" && d.String("size") is not null);
        Assert.Contains(vm.GetProperty("nics").EnumerateArray(), n => n.String("bridge") is not null);
        Assert.Contains("prod", vm.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Contains("Disks: scsi0", result.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("{", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVm_ShowsProtectionAndHaState()
    {
        await using var server = await SimulatedServer.StartAsync();

        var vm = (await server.CallAsync("get_vm", new { vmid = 101 })).AssertSuccess();

        Assert.True(vm.Structured().GetProperty("protection").GetBoolean());
        Assert.Equal("started", vm.Structured().String("ha_state"));
        Assert.Contains("PROTECTED", vm.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVmConfig_ReturnsEveryKeyAndTheDigest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_vm_config", new { vmid = 100 })).AssertSuccess();

        var config = result.Structured().GetProperty("config");
        Assert.Equal(server.Guest(100).Config["scsi0"], config.String("scsi0"));
        Assert.Equal(server.Guest(100).Config["net0"], config.String("net0"));
        Assert.False(string.IsNullOrEmpty(result.Structured().String("digest")));
        Assert.Contains("cores: 2", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVmMetrics_SummarisesTheHistory()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_vm_metrics", new { vmid = 100, timeframe = "day" })).AssertSuccess();

        Assert.Equal("day", result.Structured().String("timeframe"));
        Assert.True(result.Structured().GetProperty("samples").GetInt32() > 0);
        Assert.Contains(result.Structured().GetProperty("metrics").EnumerateArray(), m => m.String("metric") == "cpu");
        Assert.Contains("VM 100 'web01' on pve1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVmMetrics_WhenTimeframeIsUnknown_ListsTheTimeframes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallWithoutRequestsAsync("get_vm_metrics", new { vmid = 100, timeframe = "fortnight" });

        result.AssertError("hour, day, week, month, year");
    }

    internal static List<JsonElement> Items(ModelContextProtocol.Protocol.CallToolResult result) =>
        [.. result.AssertSuccess().TableRows()];

    internal static List<int> Vmids(ModelContextProtocol.Protocol.CallToolResult result) =>
        Items(result).Select(g => g.GetProperty("vmid").GetInt32()).ToList();
}
