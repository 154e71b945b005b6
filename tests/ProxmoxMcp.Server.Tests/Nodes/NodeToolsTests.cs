using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Nodes;

public class NodeToolsTests
{
    [Fact]
    public async Task GetNodeStatus_WhenNodeNameHasSlash_ReturnsToolErrorAndSendsNothing()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_node_status", new { node = "pve1/../../access" });

        result.AssertError("not a valid node name");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task GetNodeStatus_WhenNodeIsMisspelt_ListsTheKnownNodes()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_node_status", new { node = "pve9" });

        result.AssertError("no node 'pve9'");
        Assert.Contains("pve1, pve2, pve3", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNodes_ListsEveryNodeSortedWithUsage()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_nodes")).AssertSuccess();

        var names = result.Structured().GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("node").GetString()).ToList();
        Assert.Equal(["pve1", "pve2", "pve3"], names);
        Assert.Contains("pve1: online", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetNodeMetrics_SummarisesInsteadOfDumping()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_node_metrics", new { node = "pve2", timeframe = "day" })).AssertSuccess();

        var metrics = result.Structured().GetProperty("metrics").EnumerateArray().Select(m => m.GetProperty("metric").GetString()).ToList();
        Assert.Contains("cpu", metrics);
        Assert.True(result.Structured().GetProperty("samples").GetInt32() > 10);
        Assert.True(result.Text().Split('\n').Length < 20, "metrics must be summarised, not dumped");
    }

    [Fact]
    public async Task GetNodeStatus_WhenNodeMissing_NamesTheArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_node_status");

        result.AssertError("'node' is required");
    }
}
