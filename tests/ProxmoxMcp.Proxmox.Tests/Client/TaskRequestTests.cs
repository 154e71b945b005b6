using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tests.Support;
using static ProxmoxMcp.Proxmox.Tests.Support.TestIds;

namespace ProxmoxMcp.Proxmox.Tests.Client;

public sealed class TaskRequestTests
{
    [Fact]
    public async Task GetNodeTasks_SendsFiltersInQueryAndReadsTotal()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/tasks").RespondData(Samples.Data("node-tasks.json"), total: 57);
        var query = new TaskQuery { Start = 0, Limit = 50, VmId = Vm100, TypeFilter = "qmstart", ErrorsOnly = true, Source = "all" };

        var (tasks, total) = await pve.Client.GetNodeTasksAsync(Pve1, query, Ct);

        pve.Only().ShouldBeGet("/nodes/pve1/tasks?start=0&limit=50&vmid=100&typefilter=qmstart&errors=1&source=all");
        Assert.NotEmpty(tasks);
        Assert.Equal(57, total);
    }

    [Fact]
    public async Task GetNodeTasks_WithoutQuery_SendsNoParameters()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, "/nodes/pve1/tasks").RespondSample("node-tasks.json");

        var (tasks, total) = await pve.Client.GetNodeTasksAsync(Pve1, cancellationToken: Ct);

        pve.Only().ShouldBeGet("/nodes/pve1/tasks");
        Assert.Equal(3, tasks.Count);
        Assert.Equal(3, total);
    }

    [Fact]
    public async Task GetTaskStatus_EscapesUpidAsOneSegmentOnItsNode()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, $"/nodes/pve1/tasks/{QemuStartUpidEscaped}/status").RespondSample("task-status-running.json");

        var status = await pve.Client.GetTaskStatusAsync(QemuStart, Ct);

        pve.Only().ShouldBeGet($"/nodes/pve1/tasks/{QemuStartUpidEscaped}/status");
        Assert.True(status.IsRunning);
    }

    [Fact]
    public async Task GetTaskStatus_AsksTheNodeNamedInTheUpid()
    {
        using var pve = new PveMock();
        var upid = Upid.Parse("UPID:pve2:002F1A3B:0A1B2C3D4:68D72800:vzdump::root@pam:");
        pve.On(HttpMethod.Get, "/nodes/pve2/tasks/UPID%3Apve2%3A002F1A3B%3A0A1B2C3D4%3A68D72800%3Avzdump%3A%3Aroot%40pam%3A/status")
            .RespondSample("task-status-ok.json");

        var status = await pve.Client.GetTaskStatusAsync(upid, Ct);

        Assert.Equal("OK", status.ExitStatus);
        Assert.Single(pve.Requests);
    }

    [Fact]
    public async Task GetTaskLog_SendsStartAndLimitAndReadsTotal()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Get, $"/nodes/pve1/tasks/{QemuStartUpidEscaped}/log").RespondData("""[{"n":11,"t":"starting"},{"n":12,"t":"TASK OK"}]""", total: 12);

        var (lines, total) = await pve.Client.GetTaskLogAsync(QemuStart, 10, 20, Ct);

        pve.Only().ShouldBeGet($"/nodes/pve1/tasks/{QemuStartUpidEscaped}/log?start=10&limit=20");
        Assert.Equal(["starting", "TASK OK"], lines.Select(l => l.Text));
        Assert.Equal(12, total);
    }

    [Fact]
    public async Task StopTask_DeletesTaskWithoutBody()
    {
        using var pve = new PveMock();
        pve.On(HttpMethod.Delete, $"/nodes/pve1/tasks/{QemuStartUpidEscaped}").RespondData("null");

        await pve.Client.StopTaskAsync(QemuStart, Ct);

        pve.Only().ShouldBeDelete($"/nodes/pve1/tasks/{QemuStartUpidEscaped}");
    }
}
