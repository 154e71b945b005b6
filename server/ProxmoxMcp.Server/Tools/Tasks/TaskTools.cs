using System.ComponentModel;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Tasks;

public sealed partial class TaskTools(ProxmoxClient proxmox, TaskRunner tasks, Confirmation confirmation, TimeProvider time)
{
    private const int DefaultLogLines = 50;
    private const int FailureTailLines = 15;
    private const int StopWaitSeconds = 10;

    [McpServerTool(Name = "get_tasks", Title = "List tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskListOutput))]
    [Description("Lists Proxmox tasks (start, stop, backup, migrate, snapshot...) newest first with type, guest id, user, start time, duration " +
        "and outcome (OK, WARNINGS, error text or RUNNING). Without node: the cluster's recent tasks on every node; with node: that node's " +
        "full task history. Filter by vmid, type, errors only or running only; paged. For one task use get_task_status or get_task_log.")]
    [PveEndpoint("GET /cluster/tasks")]
    [PveEndpoint("GET /nodes/{node}/tasks")]
    public async Task<CallToolResult> GetTasks(
        [Description("Only this node's tasks (its full history); omit for the recent tasks of the whole cluster.")] string? node = null,
        [Description("Only tasks of this guest id.")] int? vmid = null,
        [Description("Only tasks of this type, e.g. vzdump, qmstart, qmigrate, vzcreate, qmsnapshot.")] string? type = null,
        [Description("Only tasks that failed.")] bool? errors = null,
        [Description("Only tasks still running.")] bool? running = null,
        [Description("Items to skip (for the next page).")] int? offset = null,
        [Description("Items to return (default 50, at most 500).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = node is null ? (NodeName?)null : NodeName.Parse(node);
        var guest = vmid is { } id ? VmId.From(id) : (VmId?)null;
        if (type is not null && !TaskType().IsMatch(type))
        {
            throw new McpException($"type '{type}' is not a task type: lower-case letters, digits, '-' or '_' (e.g. vzdump, qmstart).");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        TaskListOutput output;
        if (nodeName is { } one)
        {
            var start = Math.Max(0, offset ?? 0);
            var take = Math.Clamp(limit ?? Paging.DefaultLimit, 1, Paging.MaxLimit);
            var query = new TaskQuery
            {
                Start = start,
                Limit = take,
                VmId = guest,
                TypeFilter = type,
                ErrorsOnly = errors == true ? true : null,
                Source = running == true ? "active" : "all",
            };

            // GET /nodes/{node}/tasks
            var (list, total) = await proxmox.GetNodeTasksAsync(one, query, cancellationToken);
            var items = list.Where(t => running != true || TaskState.IsRunning(t))
                .OrderByDescending(t => t.StartTime ?? 0)
                .Select(t => TaskState.ToItem(t, now))
                .ToList();
            var known = total ?? start + list.Count + (list.Count == take ? 1 : 0);
            var next = start + list.Count < known ? start + list.Count : (int?)null;
            output = new TaskListOutput { Tasks = items, Page = new PageInfo(Math.Max(known, start + items.Count), start, items.Count, next), Source = $"task history of node {one}" };
        }
        else
        {
            // GET /cluster/tasks
            var list = await proxmox.GetClusterTasksAsync(cancellationToken);
            var selected = list
                .Where(t => guest is null || t.Id == guest.Value.ToString())
                .Where(t => type is null || string.Equals(t.Type, type, StringComparison.OrdinalIgnoreCase))
                .Where(t => running != true || TaskState.IsRunning(t))
                .Where(t => errors != true || (!TaskState.IsRunning(t) && TaskState.Of(false, t.Status) == "error"))
                .OrderByDescending(t => t.StartTime ?? 0).ThenBy(t => t.Upid, StringComparer.Ordinal)
                .Select(t => TaskState.ToItem(t, now))
                .ToList();
            var (items, page) = Paging.Apply(selected, offset, limit);
            output = new TaskListOutput { Tasks = items, Page = page, Source = "recent tasks of all nodes; name a node for its full history" };
        }

        return ToolResults.Success(output, TaskJsonContext.Default.TaskListOutput);
    }

    [McpServerTool(Name = "get_task_status", Title = "Task status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskStatusOutput))]
    [Description("Returns one task's state: running or finished, its exit status (OK, WARNINGS, or the error text), start time and " +
        "duration, and for a failed task the last log lines. Use wait_for_task to wait for it to finish, get_task_log for the whole log.")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    [PveEndpoint("GET /cluster/tasks")]
    public async Task<CallToolResult> GetTaskStatus(
        [Description("Task id (UPID), e.g. UPID:pve1:0000C346:165A0CE4:68D7279C:qmstart:100:root@pam: as tools and get_tasks report it.")] string upid,
        CancellationToken cancellationToken = default)
    {
        var task = Upid.Parse(upid);

        // GET /nodes/{node}/tasks/{upid}/status
        var status = await proxmox.GetTaskStatusAsync(task, cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var started = status.StartTime ?? task.StartTime.ToUnixTimeSeconds();
        long? ended = null;
        if (!status.IsRunning)
        {
            // GET /cluster/tasks: the end time of a recent task (the status endpoint has none)
            ended = (await proxmox.GetClusterTasksAsync(cancellationToken)).FirstOrDefault(t => t.Upid == task.Text)?.EndTime;
        }

        var state = TaskState.Of(status.IsRunning, status.ExitStatus);
        var item = new TaskItem
        {
            Upid = task.Text,
            Node = task.Node.Value,
            Type = task.Type,
            Id = string.IsNullOrEmpty(task.Id) ? null : task.Id,
            User = task.User,
            Started = Format.IsoTime(started),
            Ended = ended is null ? null : Format.IsoTime(ended),
            DurationSeconds = status.IsRunning ? Math.Max(0, now - started) : ended is { } end ? Math.Max(0, end - started) : null,
            State = state,
            ExitStatus = status.IsRunning ? null : status.ExitStatus,
        };
        var tail = state == "error" ? await TailAsync(task, FailureTailLines, cancellationToken) : null;
        return ToolResults.Success(new TaskStatusOutput { Task = item, LogTail = tail }, TaskJsonContext.Default.TaskStatusOutput);
    }

    [McpServerTool(Name = "get_task_log", Title = "Task log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskLogOutput))]
    [Description("Returns lines of a task's log: by default the last 50, or from a given line (start, numbered from 0) for up to limit " +
        "lines, saying how to page. Use get_task_status for the outcome alone.")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> GetTaskLog(
        [Description("Task id (UPID) as tools and get_tasks report it.")] string upid,
        [Description("First line to return (0 is the first line); omit for the last lines.")] int? start = null,
        [Description("Lines to return (default 50, at most 500).")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var task = Upid.Parse(upid);
        if (start is < 0)
        {
            throw new McpException("start must be 0 or more (0 is the first line); omit it for the last lines.");
        }

        var take = Math.Clamp(limit ?? DefaultLogLines, 1, Paging.MaxLimit);
        var from = start ?? 0;

        // GET /nodes/{node}/tasks/{upid}/log
        var (lines, total) = await proxmox.GetTaskLogAsync(task, from, take, cancellationToken);
        if (start is null && total is { } count && count > take)
        {
            from = count - take;
            (lines, total) = await proxmox.GetTaskLogAsync(task, from, take, cancellationToken);
        }

        var output = new TaskLogOutput
        {
            Upid = task.Text,
            Lines = lines.Select(l => new TaskLogLineItem(l.LineNumber, l.Text)).ToList(),
            Total = total,
            Start = from,
        };
        return ToolResults.Success(output, TaskJsonContext.Default.TaskLogOutput);
    }

    [McpServerTool(Name = "wait_for_task", Title = "Wait for task", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Waits until a running task finishes, sending progress notifications, and reports the outcome (with PVE's error text and " +
        "the last log lines on failure). Stops waiting at the timeout (the task keeps running) or when the client cancels. " +
        "Use get_task_status for a look without waiting.")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> WaitForTask(
        [Description("Task id (UPID) as tools and get_tasks report it.")] string upid,
        [Description("Seconds to wait at most (1-3600); default the server's task timeout (PROXMOX_MCP_TASK_TIMEOUT, 120).")] int? timeout = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var task = Upid.Parse(upid);
        if (timeout is < 1 or > 3600)
        {
            throw new McpException("timeout must be 1 to 3600 seconds.");
        }

        var outcome = await tasks.WaitAsync(task, timeout, progress, cancellationToken);
        var report = TaskReport.FromOutcome($"Task {task.Type}{(string.IsNullOrEmpty(task.Id) ? "" : " " + task.Id)} on {task.Node}", outcome);
        return outcome.Finished && !outcome.Succeeded
            ? ToolResults.Failure(report, ToolJsonContext.Default.TaskReport)
            : ToolResults.Success(report, ToolJsonContext.Default.TaskReport);
    }

    [McpServerTool(Name = "stop_task", Title = "Stop task", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskStopOutput))]
    [Description("Aborts a running task after confirmation (confirm = the UPID or its short form TYPE:ID, e.g. vzdump:100). Destructive: the " +
        "operation stops half-done, which can leave a partial backup or disk, a guest locked, or a migration rolled back. Reports how the task " +
        "ended; a finished task is left alone. get_tasks with running=true lists running tasks.")]
    [PveEndpoint("DELETE /nodes/{node}/tasks/{upid}")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> StopTask(
        McpServer server,
        [Description("Task id (UPID) of the running task.")] string upid,
        [Description("The UPID, or its short form TYPE:ID (e.g. vzdump:100), to confirm (asked for when missing).")] string? confirm = null,
        CancellationToken cancellationToken = default)
    {
        var task = Upid.Parse(upid);

        // GET /nodes/{node}/tasks/{upid}/status
        var status = await proxmox.GetTaskStatusAsync(task, cancellationToken);
        if (!status.IsRunning)
        {
            var done = new TaskStopOutput { Upid = task.Text, Result = "already_finished", ExitStatus = status.ExitStatus };
            return ToolResults.Success(done, TaskJsonContext.Default.TaskStopOutput);
        }

        var shortForm = string.IsNullOrEmpty(task.Id) ? task.Type : $"{task.Type}:{task.Id}";
        var consequence = $"This aborts the running {task.Type} task{(string.IsNullOrEmpty(task.Id) ? "" : $" for {task.Id}")} on {task.Node} " +
            $"(started {Format.Time(task.StartTime.ToUnixTimeSeconds())} by {task.User}): the operation stops half-done and may leave a partial " +
            "backup or disk, a locked guest, or a rolled-back migration";
        var given = confirm?.Trim() == task.Text ? shortForm : confirm;
        await confirmation.RequireAsync(server, "stop_task", consequence, shortForm, given, cancellationToken);

        // DELETE /nodes/{node}/tasks/{upid}
        await proxmox.StopTaskAsync(task, cancellationToken);
        var outcome = await tasks.WaitAsync(task, StopWaitSeconds, null, cancellationToken);
        var output = new TaskStopOutput
        {
            Upid = task.Text,
            Result = outcome.Finished ? "stopped" : "stopping",
            ExitStatus = outcome.ExitStatus,
            LogTail = outcome.LogTail.Count > 0 ? outcome.LogTail.TakeLast(5).ToList() : null,
        };
        return ToolResults.Success(output, TaskJsonContext.Default.TaskStopOutput);
    }

    private async Task<List<string>> TailAsync(Upid task, int count, CancellationToken cancellationToken)
    {
        // GET /nodes/{node}/tasks/{upid}/log
        var (lines, total) = await proxmox.GetTaskLogAsync(task, 0, DefaultLogLines, cancellationToken);
        if (total is { } all && all > lines.Count)
        {
            (lines, _) = await proxmox.GetTaskLogAsync(task, Math.Max(0, all - count), count, cancellationToken);
        }

        return lines.TakeLast(count).Select(l => l.Text).ToList();
    }

    [GeneratedRegex("^[a-z0-9_-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex TaskType();
}
