using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Nodes;

public class NodeToolsTests
{
    [Fact]
    public async Task GetNodeStatus_WhenNodeNameHasSlash_ReturnsToolError()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_node_status", new { node = "pve1/../../access" });

        result.AssertError("not a valid node name");
    }

    [Fact]
    public async Task GetNodeStatus_WhenNodeMissing_NamesTheArgument()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_node_status");

        result.AssertError("'node' is required");
    }
}
