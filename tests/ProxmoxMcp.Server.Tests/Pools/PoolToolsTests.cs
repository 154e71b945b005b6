using System.Text.Json;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Pools;

// Demo estate: pool production (VMs 100, 101, 102, containers 200, 201, storage nfs-backup), pool lab (104, 105, 106, 202).
public class PoolToolsTests
{
    [Fact]
    public async Task GetPools_ListsPoolsWithCommentsAndGuestCounts()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_pools")).AssertSuccess();

        var pools = result.Structured().GetProperty("pools").EnumerateArray().ToList();
        Assert.Equal(["lab", "production"], pools.Select(p => p.GetProperty("poolid").GetString()));
        Assert.Equal(5, pools[1].GetProperty("guests").GetInt32());
        Assert.Contains("production: 5 guest(s)  \"Production workloads\"", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetPool_ListsGuestsWithStatusThenStorages()
    {
        await using var server = await SimulatedServer.StartAsync();

        var data = (await server.CallCheckedAsync("get_pool", new { poolid = "production" })).AssertSuccess().Structured();

        var members = data.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(["qemu", "qemu", "qemu", "lxc", "lxc", "storage"], members.Select(m => m.GetProperty("type").GetString()));
        Assert.Equal(100, members[0].GetProperty("vmid").GetInt32());
        Assert.Equal("running", members[0].GetProperty("status").GetString());
        Assert.Equal("nfs-backup", members[^1].GetProperty("storage").GetString());
    }

    [Fact]
    public async Task GetPool_Unknown_SaysSoAndNamesGetPools()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_pool", new { poolid = "nosuch" });

        result.AssertError("nosuch");
        Assert.Contains("get_pools", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../access")]
    [InlineData("a//b")]
    [InlineData("prod/")]
    [InlineData("pool?x=1")]
    public async Task GetPool_WithInvalidPoolId_IsRefusedBeforeAnyRequest(string poolid)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_pool", new { poolid });

        result.AssertError("is not a valid pool id");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task CreatePool_ThenGetPools_ListsItWithItsComment()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallCheckedAsync("create_pool", new { poolid = "staging", comment = "Pre-production" })).AssertSuccess();

        Assert.Contains("staging", server.Cluster.Pools.Keys);
        var result = await server.CallAsync("get_pools");
        Assert.Contains("staging: 0 guest(s)  \"Pre-production\"", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreatePool_Nested_TravelsAsParameterAndIsReadable()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("create_pool", new { poolid = "production/web" })).AssertSuccess();

        Assert.Contains(server.Cluster.Requests.Entries, e => e.Method == "POST" && e.Path == "/pools" && e.Body.Any(p => p.Key == "poolid" && p.Value == "production/web"));
        (await server.CallAsync("get_pool", new { poolid = "production/web" })).AssertSuccess();
    }

    [Fact]
    public async Task CreatePool_Twice_ReportsProxmoxsError()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("create_pool", new { poolid = "lab" });

        result.AssertError("lab");
        Assert.Contains("exist", result.Text(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UpdatePool_AddsAndRemovesGuestsAndSetsComment()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("update_pool", new { poolid = "lab", add_vmids = new List<int> { 204 }, remove_vmids = new List<int> { 106 }, comment = "Lab" })).AssertSuccess();

        Assert.Equal(["added guest(s) 204", "comment set", "removed guest(s) 106"], result.Structured().GetProperty("done").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal([104, 105, 202, 204], server.Cluster.Pools["lab"].Order());
        var pool = (await server.CallAsync("get_pool", new { poolid = "lab" })).Structured();
        Assert.Equal("Lab", pool.GetProperty("comment").GetString());
        Assert.True(server.Cluster.TryGetGuest(106, out var removed));
        Assert.Equal("stopped", removed.Status);
    }

    [Fact]
    public async Task UpdatePool_AddsAndRemovesStorages()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("update_pool", new { poolid = "lab", add_storages = new List<string> { "local" } })).AssertSuccess();
        var added = (await server.CallAsync("get_pool", new { poolid = "lab" })).Structured();
        (await server.CallAsync("update_pool", new { poolid = "lab", remove_storages = new List<string> { "local" } })).AssertSuccess();
        var removed = (await server.CallAsync("get_pool", new { poolid = "lab" })).Structured();

        Assert.Contains("local", Storages(added));
        Assert.Empty(Storages(removed));
    }

    [Fact]
    public async Task UpdatePool_GuestOfAnotherPool_MovesOnlyWithAllowMove()
    {
        await using var server = await SimulatedServer.StartAsync();

        var refused = await server.CallAsync("update_pool", new { poolid = "lab", add_vmids = new List<int> { 100 } });
        var moved = await server.CallAsync("update_pool", new { poolid = "lab", add_vmids = new List<int> { 100 }, allow_move = true });

        Assert.True(refused.IsError, refused.Text());
        moved.AssertSuccess();
        Assert.Contains(100, server.Cluster.Pools["lab"]);
        Assert.DoesNotContain(100, server.Cluster.Pools["production"]);
    }

    [Fact]
    public async Task UpdatePool_WithNothingToChange_SaysWhatItTakes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("update_pool", new { poolid = "lab" });

        result.AssertError("Nothing to change: give add_vmids, remove_vmids, add_storages, remove_storages or comment.");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task UpdatePool_WithInvalidVmidOrStorage_IsRefusedBeforeAnyRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var badVmid = await server.CallAsync("update_pool", new { poolid = "lab", add_vmids = new List<int> { 5 } });
        var badStorage = await server.CallAsync("update_pool", new { poolid = "lab", add_storages = new List<string> { "../x" } });

        badVmid.AssertError("add_vmids 5 is out of range");
        badStorage.AssertError("add_storages '../x' is not a valid storage id");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task DeletePool_NotEmpty_ExplainsHowToEmptyIt()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("delete_pool", new { poolid = "production", confirm = "production" });

        result.AssertError("Pool production is not empty (5 guest(s), 1 storage(s))");
        Assert.Contains("update_pool(poolid=\"production\", remove_vmids=[100, 101, 102, 200, 201], remove_storages=[\"nfs-backup\"])", result.Text(), StringComparison.Ordinal);
        Assert.Contains("production", server.Cluster.Pools.Keys);
    }

    [Fact]
    public async Task DeletePool_WithNestedPools_NamesThem()
    {
        await using var server = await SimulatedServer.StartAsync();
        (await server.CallAsync("create_pool", new { poolid = "empty" })).AssertSuccess();
        (await server.CallAsync("create_pool", new { poolid = "empty/child" })).AssertSuccess();

        var result = await server.CallAsync("delete_pool", new { poolid = "empty", confirm = "empty" });

        result.AssertError("has nested pools (empty/child): delete those first");
    }

    [Fact]
    public async Task DeletePool_AfterEmptyingIt_DeletesIt()
    {
        await using var server = await SimulatedServer.StartAsync();
        (await server.CallAsync("update_pool", new { poolid = "lab", remove_vmids = new List<int> { 104, 105, 106, 202 } })).AssertSuccess();

        (await server.CallCheckedAsync("delete_pool", new { poolid = "lab", confirm = "lab" })).AssertSuccess();

        Assert.DoesNotContain("lab", server.Cluster.Pools.Keys);
        Assert.All(new List<int> { 104, 105, 106, 202 }, v => Assert.True(server.Cluster.TryGetGuest(v, out _)));
    }

    private static List<string> Storages(JsonElement pool) =>
        pool.GetProperty("members").EnumerateArray().Where(m => m.GetProperty("type").GetString() == "storage").Select(m => m.GetProperty("storage").GetString()!).ToList();
}
