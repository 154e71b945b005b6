using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Guests;
using ProxmoxMcp.Server.Tests.Support;
using ProxmoxMcp.Server.Tools.Logs;

namespace ProxmoxMcp.Server.Tests.Logs;

// The simulated journal has a line every 7 minutes over the last day (about 205 per node), the firewall log one
// every 90 s over the last hour (40), and the cluster log the task history's starts and ends.
public class LogToolsTests
{
    [Fact]
    public async Task GetNodeLog_WithoutStart_ReturnsTheLastLinesAndTheTotal()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_node_log", new { node = "pve1", limit = 10 })).AssertSuccess();

        var data = result.Structured();
        var total = data.GetProperty("total").GetInt32();
        Assert.True(total > 100, $"total {total}");
        Assert.Equal(total - 10, data.GetProperty("start").GetInt32());
        Assert.Equal(10, data.GetProperty("lines").GetArrayLength());
        Assert.StartsWith($"pve1 system log: lines {total - 9}-{total} of {total}", result.Text(), StringComparison.Ordinal);
        Assert.Equal(2, server.Cluster.Requests.Entries.Count(e => e.Path.EndsWith("/nodes/pve1/syslog", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task GetNodeLog_WithServiceAndSince_PassesThemAsProxmoxExpects()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_node_log", new { node = "pve1", service = "pvedaemon", since = "2026-12-01T08:30Z", start = 0 })).AssertSuccess();

        var lines = result.Structured().GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Contains(" pvedaemon[", l, StringComparison.Ordinal));
        var request = server.Cluster.Requests.Entries.Single(e => e.Path.EndsWith("/syslog", StringComparison.Ordinal));
        Assert.Contains(new KeyValuePair<string, string>("since", "2026-12-01 08:30:00"), request.Query);
        Assert.Contains(new KeyValuePair<string, string>("service", "pvedaemon"), request.Query);
    }

    [Theory]
    [InlineData("since", "yesterday", "is not a time like 2026-12-04 06:30")]
    [InlineData("service", "pve proxy; rm", "is not a systemd unit name")]
    [InlineData("node", "pve1/../x", "node")]
    public async Task GetNodeLog_WithBadArgument_ReturnsToolErrorAndSendsNothing(string argument, string value, string message)
    {
        await using var server = await SimulatedServer.StartAsync();
        var arguments = new Dictionary<string, object?> { ["node"] = "pve1", [argument] = value };

        var result = await server.Client.CallToolAsync("get_node_log", arguments, cancellationToken: TestContext.Current.CancellationToken);

        result.AssertError(message);
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Path.Contains("/syslog", StringComparison.Ordinal));
    }

    [Fact]
    public void LogOutput_OfManyLongLines_StaysWithinTheSizeBoundAndSaysWhereToContinue()
    {
        var lines = Enumerable.Range(0, 500).Select(i => $"line {i} " + new string('x', 1000));

        var output = LogOutput.Of("pve1 system log", 0, 500, lines);

        Assert.True(output.Lines.Count < 500);
        Assert.All(output.Lines, l => Assert.True(l.Length <= LogOutput.MaxLineChars + 1));
        Assert.True(output.ToText().Length < LogOutput.MaxTextChars + 200, $"{output.ToText().Length} characters");
        Assert.Equal(output.Lines.Count, output.NextStart);
        Assert.Contains($"continue with start={output.Lines.Count}", output.ToText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetClusterLog_AfterAVmStart_ShowsTheTaskNewestFirst()
    {
        await using var server = await SimulatedServer.StartAsync();
        (await server.CallAsync("start_vm", new { vmid = 106 })).AssertSuccess();

        var result = (await server.CallCheckedAsync("get_cluster_log", new { limit = 5 })).AssertSuccess();

        var lines = result.Structured().GetProperty("lines").EnumerateArray().Select(l => l.GetString()!).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains(lines.Take(2), l => l.Contains(":qmstart:106:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetFirewallLog_ForAGuest_FindsItsNodeAndReadsItsLog()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_firewall_log", new { vmid = 200, limit = 5 })).AssertSuccess();

        Assert.StartsWith("container 200 'dns01' on pve1: firewall log: lines", result.Text(), StringComparison.Ordinal);
        Assert.Contains(server.Cluster.Requests.Entries, e => e.Path.EndsWith("/nodes/pve1/lxc/200/firewall/log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetFirewallLog_WithoutNodeOrVmid_AsksForOne()
    {
        await using var server = await SimulatedServer.StartAsync();

        (await server.CallAsync("get_firewall_log")).AssertError("Give node (a node's firewall log) or vmid (a guest's).");
    }
}
