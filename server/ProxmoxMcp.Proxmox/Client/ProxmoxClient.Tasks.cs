using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

public sealed partial class ProxmoxClient
{
    // GET /nodes/{node}/tasks
    public async Task<(IReadOnlyList<TaskSummary> Tasks, int? Total)> GetNodeTasksAsync(NodeName node, TaskQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new TaskQuery();
        var (tasks, total) = await http.GetPageAsync(
            PvePath.Of($"/nodes/{node}/tasks"),
            new PveParameters()
                .Add("start", query.Start)
                .Add("limit", query.Limit)
                .Add("vmid", query.VmId)
                .Add("typefilter", query.TypeFilter)
                .Add("errors", query.ErrorsOnly)
                .Add("since", query.Since)
                .Add("source", query.Source),
            Json.ListTaskSummary,
            cancellationToken);
        return (tasks, total);
    }

    // GET /nodes/{node}/tasks/{upid}/status
    public Task<WorkerTaskStatus> GetTaskStatusAsync(Upid upid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upid);
        return http.GetAsync(PvePath.Of($"/nodes/{upid.Node}/tasks/{upid}/status"), null, Json.WorkerTaskStatus, cancellationToken);
    }

    // GET /nodes/{node}/tasks/{upid}/log
    public async Task<(IReadOnlyList<TaskLogLine> Lines, int? Total)> GetTaskLogAsync(Upid upid, int start = 0, int limit = 50, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upid);
        var (lines, total) = await http.GetPageAsync(
            PvePath.Of($"/nodes/{upid.Node}/tasks/{upid}/log"),
            new PveParameters().Add("start", start).Add("limit", limit),
            Json.ListTaskLogLine,
            cancellationToken);
        return (lines, total);
    }

    // DELETE /nodes/{node}/tasks/{upid}
    public async Task StopTaskAsync(Upid upid, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(upid);
        using var response = await http.SendAsync(HttpMethod.Delete, PvePath.Of($"/nodes/{upid.Node}/tasks/{upid}"), null, cancellationToken);
    }
}
