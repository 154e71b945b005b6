using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Proxmox.Tasks;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>What a tool that starts a Proxmox task reports: the outcome when it waited, or the task id to follow.</summary>
public sealed record TaskReport : IToolOutput
{
    /// <summary>What was asked, e.g. "Start VM 100 'web-01' on pve1".</summary>
    [JsonPropertyName("action")] public required string Action { get; init; }

    /// <summary>completed, failed, running (still running when waiting stopped), started (not waited for), done (no task needed).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    [JsonPropertyName("upid")] public string? Upid { get; init; }

    [JsonPropertyName("node")] public string? Node { get; init; }

    /// <summary>PVE's exit status: OK, "WARNINGS: n" or the error text.</summary>
    [JsonPropertyName("exit_status")] public string? ExitStatus { get; init; }

    [JsonPropertyName("elapsed_seconds")] public double? ElapsedSeconds { get; init; }

    [JsonPropertyName("log_tail")] public IReadOnlyList<string>? LogTail { get; init; }

    /// <summary>Anything else the model should know (a corrected node, the new guest's id, what to do next).</summary>
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public static TaskReport FromOutcome(string action, TaskOutcome outcome, IReadOnlyList<string>? notes = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new TaskReport
        {
            Action = action,
            Status = !outcome.Finished ? "running" : outcome.Succeeded ? "completed" : "failed",
            Upid = outcome.Upid.Text,
            Node = outcome.Upid.Node.Value,
            ExitStatus = outcome.ExitStatus,
            ElapsedSeconds = Math.Round(outcome.Elapsed.TotalSeconds, 1),
            LogTail = outcome.LogTail.Count > 0 ? outcome.LogTail : null,
            Notes = notes is { Count: > 0 } ? notes : null,
        };
    }

    public string ToText()
    {
        var sb = new StringBuilder(Action).Append(": ");
        sb.Append(Status switch
        {
            "completed" => $"completed ({ExitStatus}) in {ElapsedSeconds:0.#} s.",
            "failed" => $"FAILED after {ElapsedSeconds:0.#} s: {ExitStatus}",
            "running" => $"still running after {ElapsedSeconds:0.#} s. Follow it with wait_for_task or get_task_status (upid below).",
            "started" => "started; not waited for. Follow it with wait_for_task or get_task_status (upid below).",
            _ => "done.",
        });
        if (Upid is not null)
        {
            sb.Append("\nTask: ").Append(Upid);
        }

        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        if (LogTail is { Count: > 0 } && Status != "completed")
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
