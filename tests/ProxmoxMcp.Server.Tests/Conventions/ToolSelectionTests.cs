using System.Collections;
using System.CommandLine;
using ModelContextProtocol;
using ProxmoxMcp.Server.Clusters;
using ProxmoxMcp.Server.CommandLine;
using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>Read-only mode and tool selection as a client sees them: what tools/list offers and what a call to a left-out tool gets.</summary>
public class ToolSelectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadOnlyFlag_ListsExactlyTheReadOnlyTools()
    {
        var settings = FromCommandLine("--read-only");
        await using var server = await SimulatedServer.StartAsync(s => s with { ReadOnly = settings.ReadOnly });

        var tools = await server.Client.ListToolsAsync(cancellationToken: Ct);

        Assert.True(settings.ReadOnly);
        Assert.All(tools, t => Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint == true, $"{t.Name} is listed in read-only mode"));
        Assert.Equal(ToolCatalog.All.Where(t => t.IsReadOnly && t.Name != ClusterArgument.ListToolName).Select(t => t.Name).Order(), tools.Select(t => t.Name).Order());
        Assert.Contains(tools, t => t.Name == "get_snapshots");
    }

    [Theory]
    [InlineData("delete_pool")]
    [InlineData("create_snapshot")]
    [InlineData("stop_task")]
    public async Task ReadOnlyMode_CallToMutatingTool_IsRefusedSayingReadOnlyModeHidesIt(string tool)
    {
        await using var server = await SimulatedServer.StartAsync(s => s with { ReadOnly = true });

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.CallAsync(tool, new { poolid = "x" }));

        Assert.Contains($"Tool '{tool}' exists but this server's configuration hides it: read-only mode", error.Message, StringComparison.Ordinal);
        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
    }

    [Fact]
    public async Task ToolsSetting_ByGroupAndName_OffersOnlyThose()
    {
        var settings = FromEnvironment(new() { [SettingNames.Tools] = "snapshots, get_nodes" });
        await using var server = await SimulatedServer.StartAsync(s => s with { Tools = settings.Tools });

        var tools = await server.Client.ListToolsAsync(cancellationToken: Ct);

        var expected = ToolCatalog.All.Where(t => t.Group == ToolGroups.Snapshots || t.Name == "get_nodes").Select(t => t.Name).Order();
        Assert.Equal(expected, tools.Select(t => t.Name).Order());
        await Assert.ThrowsAsync<McpProtocolException>(() => server.CallAsync("get_pools"));
    }

    [Fact]
    public async Task ExcludeToolsOption_ByGroupAndName_LeavesThoseOut()
    {
        var settings = FromCommandLine("--exclude-tools", "backups,get_pool");
        await using var server = await SimulatedServer.StartAsync(s => s with { ExcludeTools = settings.ExcludeTools });

        var names = (await server.Client.ListToolsAsync(cancellationToken: Ct)).Select(t => t.Name).ToList();

        Assert.DoesNotContain("get_pool", names);
        Assert.DoesNotContain(names, n => ToolCatalog.All.Single(t => t.Name == n).Group == ToolGroups.Backups);
        Assert.Contains("get_pools", names);
        Assert.Equal(ToolCatalog.All.Count - ToolCatalog.All.Count(t => t.Group == ToolGroups.Backups || t.Name == ToolSelection.GuestExecToolName || t.Name == ClusterArgument.ListToolName) - 1, names.Count);
        var error = await Assert.ThrowsAsync<McpProtocolException>(() => server.CallAsync("get_backups"));
        Assert.Contains("PROXMOX_MCP_EXCLUDE_TOOLS (--exclude-tools) leaves it out", error.Message, StringComparison.Ordinal);
        var misspelt = await Assert.ThrowsAsync<McpProtocolException>(() => server.CallAsync("get_pol"));
        Assert.Contains("Unknown tool 'get_pol'. Did you mean get_pools?", misspelt.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNamesInSelection_AreReportedAsLikelyTypos()
    {
        var settings = FromEnvironment(new() { [SettingNames.Tools] = "snapshots,get_snapshot", [SettingNames.ExcludeTools] = "pool" });

        Assert.Equal(["get_snapshot", "pool"], ToolSelection.UnknownNames(ToolCatalog.All, settings));
    }

    private static ServerSettings FromCommandLine(params string[] args)
    {
        var options = new SettingOptions();
        var root = new RootCommand();
        foreach (var option in options.All)
        {
            root.Options.Add(option);
        }

        var parse = root.Parse(args);
        Assert.Empty(parse.Errors);
        return SettingsLoader.Load(options.Values(parse), new Hashtable(), null, Path.GetTempPath());
    }

    private static ServerSettings FromEnvironment(Dictionary<string, string> environment) =>
        SettingsLoader.Load(new Dictionary<string, string>(), new Hashtable(environment), null, Path.GetTempPath());
}
