using System.Text.RegularExpressions;

namespace ProxmoxMcp.Simulator.Tests;

public class TaskTests
{
    [Fact]
    public async Task Upid_HasPveFormatWithTrailingColonAndTokenUser()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/start");
        Assert.Matches(new Regex("^UPID:pve1:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmstart:106:root@pam!mcp:$"), upid);
        var st = await sim.TaskStatus(upid);
        Assert.Equal("root@pam", (string?)st["user"]);
        Assert.Equal("mcp", (string?)st["tokenid"]);
        Assert.Equal("qmstart", (string?)st["type"]);
        Assert.Equal("106", (string?)st["id"]);
        Assert.Null(st["exitstatus"]);
    }

    [Fact]
    public async Task TaskLog_GrowsWhileRunningAndEndsWithTaskOk()
    {
        using var sim = new Sim(new SimulatorOptions { TaskDuration = TimeSpan.FromSeconds(10) });
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/100/migrate", ("target", "pve3"), ("online", "1"), ("with-local-disks", "1"));
        var path = $"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}/log";
        var first = await sim.Get(path);
        var n1 = first.Data!.AsArray().Count;
        sim.Time.Advance(TimeSpan.FromSeconds(6));
        var n2 = (await sim.Get(path)).Data!.AsArray().Count;
        Assert.True(n2 > n1, $"log did not grow: {n1} -> {n2}");
        sim.Time.Advance(TimeSpan.FromSeconds(5));
        var done = await sim.Get(path);
        var lines = done.Data!.AsArray();
        Assert.Equal("TASK OK", (string?)lines[^1]!["t"]);
        Assert.Equal(lines.Count, (int)done.Json!["total"]!);
        Assert.Equal(1, (int)lines[0]!["n"]!);
        var paged = (await sim.Get(path, ("start", "1"), ("limit", "2"))).Data!.AsArray();
        Assert.Equal(2, paged.Count);
        Assert.Equal(2, (int)paged[0]!["n"]!);
    }

    [Fact]
    public async Task StopTask_EndsItWithInterruptAndReleasesLock()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/100/snapshot", ("snapname", "x1"));
        Assert.Equal("snapshot", sim.Guest(100).Lock);
        var r = await sim.Delete($"/nodes/pve1/tasks/{Uri.EscapeDataString(upid)}");
        Assert.Equal(200, r.Status);
        Assert.Null(r.Data);
        var st = await sim.TaskStatus(upid);
        Assert.Equal("stopped", (string?)st["status"]);
        Assert.Equal("received interrupt", (string?)st["exitstatus"]);
        Assert.Null(sim.Guest(100).Lock);
        sim.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.DoesNotContain("x1", sim.Guest(100).Snapshots);
    }

    [Fact]
    public async Task TaskList_ShowsArchivedByDefaultAndRunningWithSourceActive()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve1/qemu/106/status/start");
        var archive = await sim.Get("/nodes/pve1/tasks");
        Assert.DoesNotContain(archive.Data!.AsArray(), t => (string?)t!["upid"] == upid);
        Assert.True((int)archive.Json!["total"]! >= 4);
        var active = (await sim.Get("/nodes/pve1/tasks", ("source", "active"))).Data!.AsArray();
        var running = Assert.Single(active);
        Assert.Equal("RUNNING", (string?)running!["status"]);
        Assert.Null(running["endtime"]);
        await sim.Finish(upid);
        var after = (await sim.Get("/nodes/pve1/tasks", ("vmid", "106"), ("limit", "1"))).Data!.AsArray();
        Assert.Equal(upid, (string?)after[0]!["upid"]);
        Assert.Equal("OK", (string?)after[0]!["status"]);
        Assert.NotNull(after[0]!["endtime"]);
    }

    [Fact]
    public async Task TaskList_FiltersErrorsAndTypes()
    {
        using var sim = new Sim();
        var errors = (await sim.Get("/nodes/pve1/tasks", ("errors", "1"))).Data!.AsArray();
        Assert.All(errors, t => Assert.NotEqual("OK", (string?)t!["status"]));
        Assert.Contains(errors, t => (string?)t!["status"] == "start failed: QEMU exited with code 1");
        var typed = (await sim.Get("/nodes/pve1/tasks", ("typefilter", "vzdump"))).Data!.AsArray();
        Assert.All(typed, t => Assert.Equal("vzdump", (string?)t!["type"]));
        Assert.NotEmpty(typed);
    }

    [Fact]
    public async Task TaskStatus_ForUnknownOrMalformedUpid_Is400()
    {
        using var sim = new Sim();
        var bad = await sim.Get("/nodes/pve1/tasks/garbage/status");
        Assert.Equal(400, bad.Status);
        Assert.Equal("unable to parse worker upid", (string?)bad.Json!["errors"]!["upid"]);
        var unknown = await sim.Get($"/nodes/pve1/tasks/{Uri.EscapeDataString("UPID:pve1:00001234:00001234:5F000000:qmstart:100:root@pam:")}/status");
        Assert.Equal("no such task", (string?)unknown.Json!["errors"]!["upid"]);
    }

    [Fact]
    public async Task ClusterTasks_ListsRecentTasksOfAllNodes()
    {
        using var sim = new Sim();
        var list = (await sim.Get("/cluster/tasks")).Data!.AsArray();
        Assert.Contains(list, t => (string?)t!["node"] == "pve2");
        Assert.Contains(list, t => (string?)t!["node"] == "pve3");
        Assert.All(list, t => Assert.StartsWith("UPID:", (string?)t!["upid"]));
    }

    [Fact]
    public async Task ShutdownPausedVm_WithForceStop_EndsWithWarnings()
    {
        using var sim = new Sim();
        var upid = await sim.StartTask("POST", "/nodes/pve3/qemu/104/status/shutdown", ("forceStop", "1"));
        var st = await sim.Finish(upid);
        Assert.Equal("WARNINGS: 1", (string?)st["exitstatus"]);
        var log = (await sim.Get($"/nodes/pve3/tasks/{Uri.EscapeDataString(upid)}/log")).Data!.AsArray();
        Assert.Equal("TASK WARNINGS: 1", (string?)log[^1]!["t"]);
        Assert.Equal("stopped", sim.Guest(104).Status);
        var list = (await sim.Get("/nodes/pve3/tasks", ("vmid", "104"), ("limit", "1"))).Data!.AsArray();
        Assert.Equal("WARNINGS: 1", (string?)list[0]!["status"]);
    }
}
