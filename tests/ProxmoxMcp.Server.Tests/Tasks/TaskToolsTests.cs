using System.Text.Json;
using ModelContextProtocol;
using ProxmoxMcp.Server.Tests.Conventions;
using ProxmoxMcp.Server.Tests.Support;

namespace ProxmoxMcp.Server.Tests.Tasks;

// Demo estate history includes a failed "qmstart 106" (start failed: QEMU exited with code 1) and a "WARNINGS: 1" aptupdate.
public class TaskToolsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetTasks_WithoutNode_ListsRecentClusterTasksNewestFirst()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_tasks")).AssertSuccess();

        var tasks = Tasks(result.Structured());
        Assert.NotEmpty(tasks);
        var started = tasks.Select(t => t.GetProperty("started").GetString()).ToList();
        Assert.Equal(started.OrderDescending(StringComparer.Ordinal), started);
        Assert.Contains(tasks.Select(t => t.GetProperty("node").GetString()).Distinct(), n => n != "pve1");
        Assert.Equal("/cluster/tasks", Assert.Single(server.Cluster.Requests.Entries).Path);
    }

    [Fact]
    public async Task GetTasks_ErrorsOnly_ShowsFailuresWithProxmoxsText()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallAsync("get_tasks", new { errors = true })).AssertSuccess();

        var tasks = Tasks(result.Structured());
        Assert.NotEmpty(tasks);
        Assert.All(tasks, t => Assert.Equal("error", t.GetProperty("state").GetString()));
        Assert.Contains("start failed: QEMU exited with code 1", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTasks_ByVmidAndType_FindsTheTaskATookStarted()
    {
        await using var server = await SimulatedServer.StartAsync();
        var upid = await StartSnapshotAsync(server, wait: true);

        var tasks = Tasks((await server.CallAsync("get_tasks", new { vmid = 106, type = "qmsnapshot" })).AssertSuccess().Structured());

        var task = Assert.Single(tasks);
        Assert.Equal(upid, task.GetProperty("upid").GetString());
        Assert.Equal("ok", task.GetProperty("state").GetString());
    }

    [Fact]
    public async Task GetTasks_RunningOnly_ShowsTheRunningTask()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = (await server.CallCheckedAsync("get_tasks", new { running = true })).AssertSuccess();

        var task = Assert.Single(Tasks(result.Structured()), t => t.GetProperty("upid").GetString() == upid);
        Assert.Equal("running", task.GetProperty("state").GetString());
        Assert.All(Tasks(result.Structured()), t => Assert.Equal("running", t.GetProperty("state").GetString()));
        Assert.Contains("RUNNING", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTasks_OfNode_AsksThatNodeWithItsFilters()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = (await server.CallCheckedAsync("get_tasks", new { node = "pve1", vmid = 106, errors = true, limit = 10 })).AssertSuccess();

        var request = Assert.Single(server.Cluster.Requests.Entries);
        Assert.Equal("/nodes/pve1/tasks", request.Path);
        var query = request.Query.ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal(("106", "1", "10", "all"), (query["vmid"], query["errors"], query["limit"], query["source"]));
        Assert.All(Tasks(result.Structured()), t => Assert.Equal("106", t.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task GetTasks_WithInvalidType_IsRefusedBeforeAnyRequest()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_tasks", new { node = "pve1", type = "vzdump&limit=9999" });

        result.AssertError("is not a task type");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task GetTaskStatus_OfFailedTask_ShowsTheErrorAndTheLastLogLines()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.FailNextTask("qmsnapshot", "snapshot feature is not available");
        var upid = await StartSnapshotAsync(server, wait: true);

        var result = (await server.CallCheckedAsync("get_task_status", new { upid })).AssertSuccess();

        var data = result.Structured();
        Assert.Equal("error", data.GetProperty("task").GetProperty("state").GetString());
        Assert.Equal("snapshot feature is not available", data.GetProperty("task").GetProperty("exit_status").GetString());
        Assert.Contains(data.GetProperty("log_tail").EnumerateArray(), l => l.GetString()!.Contains("snapshot feature is not available", StringComparison.Ordinal));
        Assert.Contains("FAILED: snapshot feature is not available", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskStatus_OfFinishedTask_ShowsOkAndDuration()
    {
        await using var server = await SimulatedServer.StartAsync();
        var upid = await StartSnapshotAsync(server, wait: true);

        var task = (await server.CallCheckedAsync("get_task_status", new { upid })).AssertSuccess().Structured().GetProperty("task");

        Assert.Equal("ok", task.GetProperty("state").GetString());
        Assert.Equal("OK", task.GetProperty("exit_status").GetString());
        Assert.True(task.TryGetProperty("duration_seconds", out _));
        Assert.Equal("pve1", task.GetProperty("node").GetString());
    }

    [Fact]
    public async Task GetTaskStatus_OfRunningTask_SaysHowToWaitOrStop()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = (await server.CallAsync("get_task_status", new { upid })).AssertSuccess();

        Assert.Equal("running", result.Structured().GetProperty("task").GetProperty("state").GetString());
        Assert.Contains("wait_for_task waits for it; stop_task aborts it", result.Text(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UPID:pve1/../../access:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:")]
    [InlineData("UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100/../x:root@pam:")]
    [InlineData("qmstart:100")]
    public async Task GetTaskStatus_WithInvalidUpid_IsRefusedBeforeAnyRequest(string upid)
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("get_task_status", new { upid });

        result.AssertError("is not a Proxmox task id");
        Assert.Equal(0, server.Cluster.Requests.Count);
    }

    [Fact]
    public async Task GetTaskLog_ByDefault_ReturnsTheLastLines()
    {
        await using var server = await SimulatedServer.StartAsync();
        var upid = await StartSnapshotAsync(server, wait: true);

        var all = (await server.CallCheckedAsync("get_task_log", new { upid, start = 0, limit = 500 })).AssertSuccess().Structured();
        var last = (await server.CallAsync("get_task_log", new { upid, limit = 2 })).AssertSuccess();

        var lines = all.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()).ToList();
        Assert.Equal(lines.Count, all.GetProperty("total").GetInt32());
        Assert.Equal("TASK OK", lines[^1]);
        Assert.Equal(lines.TakeLast(2), last.Structured().GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("text").GetString()));
        Assert.Contains($"Earlier lines: start=", last.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTaskLog_FromAStartLine_SaysWhereTheRestIs()
    {
        await using var server = await SimulatedServer.StartAsync();
        var upid = await StartSnapshotAsync(server, wait: true);

        var result = (await server.CallAsync("get_task_log", new { upid, start = 0, limit = 1 })).AssertSuccess();

        Assert.Single(result.Structured().GetProperty("lines").EnumerateArray());
        Assert.Contains("Later lines: start=1.", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForTask_SendsProgressAndReportsTheOutcome()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromSeconds(1.5), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);
        var notifications = new List<ProgressNotificationValue>();

        var result = await server.Client.CallToolAsync("wait_for_task", new Dictionary<string, object?> { ["upid"] = upid }, new Collect(notifications), cancellationToken: Ct);

        result.AssertSuccess();
        Assert.Equal("completed", result.Structured().GetProperty("status").GetString());
        Assert.NotEmpty(notifications);
        Assert.All(notifications, n => Assert.Contains("qmsnapshot 106 running", n.Message, StringComparison.Ordinal));
        await server.MatchesOutputSchemaAsync("wait_for_task", result);
    }

    [Fact]
    public async Task WaitForTask_WhenTheTimeoutPasses_ReportsItStillRunning()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = (await server.CallAsync("wait_for_task", new { upid, timeout = 1 })).AssertSuccess();

        Assert.Equal("running", result.Structured().GetProperty("status").GetString());
        Assert.Contains("still running", result.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForTask_WhenTheClientCancels_StopsWaitingAndLeavesTheTaskRunning()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new Collect([], () => cancel.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            server.Client.CallToolAsync("wait_for_task", new Dictionary<string, object?> { ["upid"] = upid }, progress, cancellationToken: cancel.Token).AsTask());

        Assert.True(progress.Count > 0);
        Assert.True(server.Cluster.TryGetTask(upid)!.IsRunning);
    }

    [Fact]
    public async Task WaitForTask_OfFailingTask_IsAToolErrorWithProxmoxsText()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.FailNextTask("qmsnapshot", "snapshot feature is not available");
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = await server.CallCheckedAsync("wait_for_task", new { upid });

        result.AssertError("snapshot feature is not available");
        Assert.Equal("failed", result.Structured().GetProperty("status").GetString());
    }

    [Fact]
    public async Task WaitForTask_WithTimeoutOutOfRange_SaysTheRange()
    {
        await using var server = await SimulatedServer.StartAsync();

        var result = await server.CallAsync("wait_for_task", new { upid = "UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam:", timeout = 0 });

        result.AssertError("timeout must be 1 to 3600 seconds");
    }

    [Fact]
    public async Task StopTask_WithoutConfirm_ExplainsTheShortForm()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = await server.CallAsync("stop_task", new { upid });

        result.AssertError("confirm=\"qmsnapshot:106\"");
        Assert.Contains("stops half-done", result.Text(), StringComparison.Ordinal);
        Assert.True(server.Cluster.TryGetTask(upid)!.IsRunning);
    }

    [Fact]
    public async Task StopTask_WithWrongConfirm_IsRefused()
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = await server.CallAsync("stop_task", new { upid, confirm = "qmsnapshot:105" });

        result.AssertError("does not match the target 'qmsnapshot:106'");
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "DELETE");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StopTask_ConfirmedWithShortFormOrUpid_StopsTheTask(bool fullUpid)
    {
        await using var server = await SimulatedServer.StartAsync();
        server.Cluster.Faults.SetTaskDuration(TimeSpan.FromMinutes(10), "qmsnapshot", 1);
        var upid = await StartSnapshotAsync(server, wait: false);

        var result = (await server.CallCheckedAsync("stop_task", new { upid, confirm = fullUpid ? upid : "qmsnapshot:106" })).AssertSuccess();

        Assert.Equal("stopped", result.Structured().GetProperty("result").GetString());
        Assert.False(server.Cluster.TryGetTask(upid)!.IsRunning);
        var status = (await server.CallAsync("get_task_status", new { upid })).Structured().GetProperty("task");
        Assert.Equal("error", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task StopTask_OfFinishedTask_LeavesItAlone()
    {
        await using var server = await SimulatedServer.StartAsync();
        var upid = await StartSnapshotAsync(server, wait: true);

        var result = (await server.CallAsync("stop_task", new { upid })).AssertSuccess();

        Assert.Equal("already_finished", result.Structured().GetProperty("result").GetString());
        Assert.DoesNotContain(server.Cluster.Requests.Entries, e => e.Method == "DELETE");
    }

    private static async Task<string> StartSnapshotAsync(SimulatedServer server, bool wait)
    {
        var result = (await server.CallAsync("create_snapshot", new { vmid = 106, snapname = "tasktest", wait })).Structured();
        return result.GetProperty("upid").GetString()!;
    }

    private static List<JsonElement> Tasks(JsonElement data) => data.GetProperty("tasks").EnumerateArray().ToList();

    private sealed class Collect(List<ProgressNotificationValue> values, Action? onFirst = null) : IProgress<ProgressNotificationValue>
    {
        private readonly Lock gate = new();

        public int Count
        {
            get
            {
                lock (gate)
                {
                    return values.Count;
                }
            }
        }

        public void Report(ProgressNotificationValue value)
        {
            lock (gate)
            {
                values.Add(value);
                if (values.Count == 1)
                {
                    onFirst?.Invoke();
                }
            }
        }
    }
}
