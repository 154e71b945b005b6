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

    [DefaultProfile]
    [McpServerTool(Name = "get_tasks", Title = "List tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskListOutput))]
    [Description("Lists tasks newest first with type, vmid, user, times and outcome; without node, the cluster's recent ones.")]
    [PveEndpoint("GET /cluster/tasks")]
    [PveEndpoint("GET /nodes/{node}/tasks")]
    public async Task<CallToolResult> GetTasks(
        [Description("That node's full history.")] string? node = null,
        int? vmid = null,
        [Description("e.g. vzdump, qmstart, qmigrate.")] string? type = null,
        bool? errors = null,
        bool? running = null,
        int? offset = null,
        int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = ToolArguments.OptionalNode(node);
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

    [DefaultProfile]
    [McpServerTool(Name = "get_task_status", Title = "Task status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskStatusOutput))]
    [Description("Returns a task's state and exit status, with the last log lines when it failed.")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    [PveEndpoint("GET /cluster/tasks")]
    public async Task<CallToolResult> GetTaskStatus(
        string upid,
        [Description("Optional; the UPID names its node.")] string? node = null,
        CancellationToken cancellationToken = default)
    {
        var task = Upid.Parse(upid);
        if (ToolArguments.OptionalNode(node) is { } given && given != task.Node)
        {
            throw new McpException($"node '{given}' does not match the task: the UPID says it ran on {task.Node}. Omit node, or pass node={task.Node}.");
        }

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

    [DefaultProfile]
    [McpServerTool(Name = "get_task_log", Title = "Task log", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskLogOutput))]
    [Description("Returns a task's log lines: the last 50, or from start.")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> GetTaskLog(
        string upid,
        [Description("First line (from 0); omit for the last lines.")] int? start = null,
        [Description("Default 50, max 500.")] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        var task = Upid.Parse(upid);
        if (start is < 0)
        {
            throw new McpException("start must be 0 or more (0 is the first line); omit it for the last lines.");
        }

        var take = Math.Clamp(limit ?? DefaultLogLines, 1, Paging.MaxLimit);

        // GET /nodes/{node}/tasks/{upid}/log
        var (lines, total, from) = await LogTail.ReadAsync(at => proxmox.GetTaskLogAsync(task, at, take, cancellationToken), start, take);

        var output = new TaskLogOutput
        {
            Upid = task.Text,
            Lines = lines.Select(l => new TaskLogLineItem(l.LineNumber, l.Text)).ToList(),
            Total = total,
            Start = from,
        };
        return ToolResults.Success(output, TaskJsonContext.Default.TaskLogOutput);
    }

    [DefaultProfile]
    [McpServerTool(Name = "wait_for_task", Title = "Wait for task", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(TaskReport))]
    [Description("Waits for a task to finish, with progress, and reports the outcome.")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> WaitForTask(
        string upid,
        [Description("Seconds, 1-3600.")] int? timeout = null,
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
    [Description("Aborts a running task, which may leave partial results. Needs confirm=upid or TYPE:ID (e.g. vzdump:100); get_tasks lists running ones.")]
    [PveEndpoint("DELETE /nodes/{node}/tasks/{upid}")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/status")]
    [PveEndpoint("GET /nodes/{node}/tasks/{upid}/log")]
    public async Task<CallToolResult> StopTask(
        McpServer server,
        string upid,
        string? confirm = null,
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
