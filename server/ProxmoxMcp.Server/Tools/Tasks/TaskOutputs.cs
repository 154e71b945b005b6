using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Tasks;

public sealed record TaskItem
{
    [JsonPropertyName("upid")] public required string Upid { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }

    /// <summary>What it worked on, usually a vmid.</summary>
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("started")] public string? Started { get; init; }
    [JsonPropertyName("ended")] public string? Ended { get; init; }
    [JsonPropertyName("duration_seconds")] public long? DurationSeconds { get; init; }

    /// <summary>running, ok, warnings or error.</summary>
    [JsonPropertyName("state")] public required string State { get; init; }

    /// <summary>PVE's exit status of a finished task: OK, "WARNINGS: n" or the error text.</summary>
    [JsonPropertyName("exit_status")] public string? ExitStatus { get; init; }

    public string ToLine() =>
        $"{Started ?? "?"}  {Node}  {Type}{(string.IsNullOrEmpty(Id) ? "" : " " + Id)}  " +
        State switch
        {
            "running" => "RUNNING",
            "ok" => $"OK in {Format.Duration(DurationSeconds)}",
            _ => $"{ExitStatus} after {Format.Duration(DurationSeconds)}",
        } +
        $"  {User}\n  {Upid}";
}

public sealed record TaskListOutput : IToolOutput
{
    /// <summary>Newest first.</summary>
    [JsonPropertyName("tasks")] public required IReadOnlyList<TaskItem> Tasks { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    /// <summary>Where the list came from: the cluster's recent-task list or one node's task archive.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    public string ToText() =>
        Page.Summary("tasks") + (Tasks.Count > 1 ? " Newest first." : "") + $" ({Source})" +
        (Tasks.Count > 0 ? "\n" + string.Join('\n', Tasks.Select(t => t.ToLine())) : "");
}

public sealed record TaskStatusOutput : IToolOutput
{
    [JsonPropertyName("task")] public required TaskItem Task { get; init; }

    /// <summary>The last log lines of a failed task.</summary>
    [JsonPropertyName("log_tail")] public IReadOnlyList<string>? LogTail { get; init; }

    public string ToText()
    {
        var t = Task;
        var sb = new StringBuilder($"Task {t.Type}{(string.IsNullOrEmpty(t.Id) ? "" : " " + t.Id)} on {t.Node}, started {t.Started} by {t.User}: ");
        sb.Append(t.State switch
        {
            "running" => $"still RUNNING after {Format.Duration(t.DurationSeconds)}. wait_for_task waits for it; stop_task aborts it.",
            "ok" => $"finished OK" + (t.DurationSeconds is null ? "." : $" in {Format.Duration(t.DurationSeconds)}."),
            "warnings" => $"finished with {t.ExitStatus}" + (t.DurationSeconds is null ? "." : $" in {Format.Duration(t.DurationSeconds)}.") + " get_task_log shows them.",
            _ => $"FAILED: {t.ExitStatus}",
        });
        sb.Append("\nTask: ").Append(t.Upid);
        if (LogTail is { Count: > 0 })
        {
            sb.Append("\nLast log lines:");
            foreach (var line in LogTail)
            {
                sb.Append("\n  ").Append(line);
            }
        }

        return sb.ToString();
    }
}

public sealed record TaskLogLineItem(
    [property: JsonPropertyName("n")] long Number,
    [property: JsonPropertyName("text")] string Text);

public sealed record TaskLogOutput : IToolOutput
{
    [JsonPropertyName("upid")] public required string Upid { get; init; }
    [JsonPropertyName("lines")] public required IReadOnlyList<TaskLogLineItem> Lines { get; init; }

    /// <summary>Lines in the whole log, when PVE says.</summary>
    [JsonPropertyName("total")] public int? Total { get; init; }

    /// <summary>The offset of the first line returned (0 is the first line of the log); pass it as start.</summary>
    [JsonPropertyName("start")] public int Start { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder();
        if (Lines.Count == 0)
        {
            sb.Append(Total is { } total ? $"No log lines from start={Start} (the log has {total} lines)." : "No log lines.");
        }
        else
        {
            var last = Start + Lines.Count;
            sb.Append($"Log lines {Start + 1}-{last}").Append(Total is { } total ? $" of {total}" : "").Append('.');
            if (Start > 0)
            {
                sb.Append($" Earlier lines: start={Math.Max(0, Start - Lines.Count)}.");
            }

            if (Total is { } all && last < all)
            {
                sb.Append($" Later lines: start={last}.");
            }

            foreach (var line in Lines)
            {
                sb.Append('\n').Append(line.Text);
            }
        }

        return sb.ToString();
    }
}

/// <summary>What stop_task did.</summary>
public sealed record TaskStopOutput : IToolOutput
{
    [JsonPropertyName("upid")] public required string Upid { get; init; }

    /// <summary>stopped (it ended after the stop request), stopping (still winding down), already_finished.</summary>
    [JsonPropertyName("result")] public required string Result { get; init; }
    [JsonPropertyName("exit_status")] public string? ExitStatus { get; init; }
    [JsonPropertyName("log_tail")] public IReadOnlyList<string>? LogTail { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder(Result switch
        {
            "already_finished" => $"Nothing to stop: the task had already finished ({ExitStatus}).",
            "stopped" => $"Task stopped; Proxmox reports: {ExitStatus}. The operation did not complete: check the guest or storage it worked on (a lock may remain; see get_task_log).",
            _ => "Stop requested; the task is still winding down. Check it with get_task_status.",
        });
        sb.Append("\nTask: ").Append(Upid);
        foreach (var line in LogTail ?? [])
        {
            sb.Append("\n  ").Append(line);
        }

        return sb.ToString();
    }
}
