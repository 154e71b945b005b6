using ModelContextProtocol.Protocol;
using ProxmoxMcp.Security.Tests.Support;

namespace ProxmoxMcp.Security.Tests;

/// <summary>
/// Faults injected into the simulated cluster while tools run: reads are retried, writes never (the simulator
/// counts), and every failure ends with an error that says what happened. Timeouts are covered on fake time in
/// ProxmoxMcp.Proxmox.Tests (TimeoutAndCancellationTests).
/// </summary>
public sealed class FaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Read_WithTransientGatewayErrors_IsRetriedAndSucceeds(int status)
    {
        await using var session = await SimulatedSession.StartAsync();
        session.Cluster.Faults.FailNext(2, status, "proxy trouble", method: "GET", pathPattern: "/nodes");

        var result = await CallAsync(session, "get_nodes");

        Assert.NotEqual(true, result.IsError);
        Assert.Equal(3, session.Cluster.Requests.CountByMethod("GET", "/nodes"));
    }

    [Fact]
    public async Task Write_With503_IsSentOnceAndReported()
    {
        await using var session = await SimulatedSession.StartAsync();
        session.Cluster.Faults.FailNext(1, 503, "service unavailable", method: "POST", pathPattern: "/nodes/*/qemu/100/snapshot");

        var result = await CallAsync(session, "create_snapshot", new() { ["vmid"] = 100, ["snapname"] = "fault" });

        Assert.True(result.IsError);
        Assert.Contains("503", Text(result), StringComparison.Ordinal);
        Assert.Equal(1, SnapshotPosts(session));
    }

    [Fact]
    public async Task Write_WhoseConnectionDrops_IsNotRepeated_AndSaysItMayHaveRun()
    {
        await using var session = await SimulatedSession.StartAsync();
        session.Cluster.Faults.DropConnections(method: "POST", pathPattern: "/nodes/*/qemu/100/snapshot", count: 1);

        var result = await CallAsync(session, "create_snapshot", new() { ["vmid"] = 100, ["snapname"] = "dropped" });

        Assert.True(result.IsError);
        Assert.Equal(1, SnapshotPosts(session));
    }

    [Fact]
    public async Task Read_FromAnOfflineNode595_NamesTheNode()
    {
        await using var session = await SimulatedSession.StartAsync();
        session.Cluster.Faults.AddError(595, "No route to host", method: "GET", pathPattern: "/nodes/pve2/**");

        var result = await CallAsync(session, "get_node_status", new() { ["node"] = "pve2" });

        Assert.True(result.IsError);
        Assert.Contains("pve2", Text(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailingTask_IsReportedWithItsErrorText()
    {
        await using var session = await SimulatedSession.StartAsync();
        session.Cluster.Faults.FailNextTask("qmsnapshot", "snapshot feature is not available");

        var result = await CallAsync(session, "create_snapshot", new() { ["vmid"] = 100, ["snapname"] = "failing" });

        Assert.True(result.IsError);
        Assert.Contains("snapshot feature is not available", Text(result), StringComparison.Ordinal);
    }

    private static int SnapshotPosts(SimulatedSession session) =>
        session.Cluster.Requests.Entries.Count(e => e.Method == "POST" && e.Path.EndsWith("/qemu/100/snapshot", StringComparison.Ordinal));

    private static async Task<CallToolResult> CallAsync(SimulatedSession session, string tool, Dictionary<string, object?>? arguments = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        return await session.CallAsync(tool, arguments ?? [], timeout.Token);
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
