using System.Text;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Simulator;

namespace ProxmoxMcp.Server.Tests.Guests;

/// <summary>Lists answer "which guest uses the most X" in one small call: sort, top-N through limit, field projection, counts first.</summary>
public class ListSortAndFieldsTests
{
    [Fact]
    public async Task GetVms_SortedByMemDescending_PutsTheLargestUserFirst()
    {
        await using var server = await SimulatedServer.StartAsync();
        var all = (await server.CallAsync("get_vms", new { limit = 500 })).AssertSuccess().TableRows()
            .Select(g => g.TryGetProperty("mem", out var m) ? m.GetInt64() : -1).ToList();

        var result = (await server.CallAsync("get_vms", new { sort = "-mem", limit = 3 })).AssertSuccess();

        var mems = result.TableRows().Select(g => g.GetProperty("mem").GetInt64()).ToList();
        Assert.Equal(all.OrderDescending().Take(3), mems);
        Assert.Contains("sorted by -mem", result.Text().Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContainers_SortedByNameAscending_IsInNameOrder()
    {
        await using var server = await SimulatedServer.StartAsync();

        var names = (await server.CallAsync("get_containers", new { sort = "name" })).AssertSuccess().TableRows()
            .Select(g => g.GetProperty("name").GetString()!).ToList();

        Assert.True(names.Count > 1);
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task GetVms_WithFields_ReturnsOnlyThoseFieldsAndTheRequiredIds()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_vms", new { fields = "name,mem", limit = 2 })).AssertSuccess();

        Assert.Equal(["vmid", "name", "mem"], result.Structured().GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(3, result.Structured().GetProperty("rows")[0].GetArrayLength());
        Assert.Equal("vmid name mem(MiB)", result.Text().Split('\n')[1]);
        Assert.Matches(@"^\d+ \S+ \d+$", result.Text().Split('\n')[2]);
        await server.MatchesOutputSchemaAsync("get_vms", result);
    }

    [Theory]
    [InlineData("get_vms", "sort", "memory", "sort 'memory' is not a field of this list: vmid, name, node, status, cpu, cpus, mem")]
    [InlineData("get_vms", "fields", "name,ram", "fields ram unknown: this list has vmid, name")]
    [InlineData("get_cluster_resources", "sort", "-size", "sort '-size' is not a field of this list: id, type")]
    public async Task ListTool_WithAnUnknownField_NamesTheValidOnes(string tool, string argument, string value, string message)
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync(tool, new Dictionary<string, object> { [argument] = value })).AssertError(message);
    }

    [Fact]
    public async Task GetVms_SummaryLine_CountsRunningGuestsOfTheWholeMatch()
    {
        await using var server = await SimulatedServer.StartAsync();
        var running = (await server.CallAsync("get_vms", new { limit = 500 })).AssertSuccess().TableRows().Count(g => g.GetProperty("status").GetString() == "running");

        var result = (await server.CallAsync("get_vms", new { limit = 1 })).AssertSuccess();

        Assert.Equal(running, result.Structured().GetProperty("running").GetInt32());
        Assert.Contains($"({running} running, ", result.Text().Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetClusterResources_SortedByMaxdiskDescending_PutsTheLargestFirst()
    {
        await using var server = await SimulatedServer.StartAsync();

        var disks = (await server.CallAsync("get_cluster_resources", new { type = "vm", sort = "-maxdisk", limit = 500 })).AssertSuccess().TableRows()
            .Select(r => r.GetProperty("maxdisk").GetDouble()).ToList();

        Assert.Equal(disks.OrderDescending(), disks);
    }

    [Fact]
    public async Task WhichVmUsesTheMostMemory_At5000Guests_IsOneCallUnder2KiBOnTheWire()
    {
        await using var server = await SimulatedServer.StartAsync(simulator: new SimulatorOptions { Estate = EstateSize.Large(20, 5_000), TaskDuration = TimeSpan.FromMilliseconds(100) });

        var result = (await server.CallAsync("get_vms", new { sort = "-mem", limit = 1, fields = "name,mem,maxmem" })).AssertSuccess();

        var wire = Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(result, McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(CallToolResult))));
        Assert.True(wire < 2_048, $"{wire} bytes: {result.Text()}");
        Assert.True(result.Structured().GetProperty("page").GetProperty("total").GetInt32() > 1_000);
    }
}
