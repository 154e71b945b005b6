using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Proxmox.Tasks;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Tasks;

/// <summary>
/// Reads PVE's two task vocabularies: in task lists "status" is the exit status of a finished task and "RUNNING" (or
/// absent) for an active one; in .../status it is running|stopped with the exit status in "exitstatus".
/// </summary>
public static class TaskState
{
    public static bool IsRunning(TaskSummary task) =>
        task is not null && (string.Equals(task.Status, "RUNNING", StringComparison.OrdinalIgnoreCase) || (task.EndTime is null && string.IsNullOrEmpty(task.Status)));

    /// <summary>running, ok, warnings or error.</summary>
    public static string Of(bool running, string? exitStatus) =>
        running ? "running"
        : exitStatus == "OK" ? "ok"
        : TaskOutcome.IsSuccessExitStatus(exitStatus) ? "warnings"
        : "error";

    public static TaskItem ToItem(TaskSummary task, long now)
    {
        ArgumentNullException.ThrowIfNull(task);
        var running = IsRunning(task);
        var end = running ? now : task.EndTime;
        return new TaskItem
        {
            Upid = task.Upid,
            Node = task.Node,
            Type = task.Type,
            Id = string.IsNullOrEmpty(task.Id) ? null : task.Id,
            User = task.TokenId is { Length: > 0 } token && task.User is { } user && !user.Contains('!', StringComparison.Ordinal) ? $"{user}!{token}" : task.User,
            Started = task.StartTime is { } s ? Format.IsoTime(s) : null,
            Ended = running || task.EndTime is null ? null : Format.IsoTime(task.EndTime),
            DurationSeconds = end is { } e && task.StartTime is { } start ? Math.Max(0, e - start) : null,
            State = Of(running, task.Status),
            ExitStatus = running ? null : task.Status,
        };
    }
}
