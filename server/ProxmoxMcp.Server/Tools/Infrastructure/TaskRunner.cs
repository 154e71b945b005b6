using System.Globalization;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Tasks;
using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>
/// Every tool that starts a Proxmox task reports through here: by default it waits (bounded by the task timeout,
/// with MCP progress notifications) and reports the final outcome, the error text and the last log lines on
/// failure; with <c>wait: false</c> it returns the task id at once.
/// </summary>
public sealed class TaskRunner(TaskWaiter waiter, ServerSettings settings)
{
    /// <param name="afterSuccess">A note read once the task has succeeded (e.g. the guest's power state afterwards).</param>
    public async Task<CallToolResult> ReportAsync(
        string action,
        Upid? upid,
        bool wait,
        IProgress<ProgressNotificationValue>? progress,
        CancellationToken cancellationToken,
        IReadOnlyList<string>? notes = null,
        int? timeoutSeconds = null,
        Func<CancellationToken, Task<string?>>? afterSuccess = null)
    {
        if (upid is null)
        {
            return ToolResults.Success(new TaskReport { Action = action, Status = "done", Notes = Clean(notes) }, ToolJsonContext.Default.TaskReport);
        }

        if (!wait)
        {
            var started = new TaskReport { Action = action, Status = "started", Upid = upid.Text, Node = upid.Node.Value, Notes = Clean(notes) };
            return ToolResults.Success(started, ToolJsonContext.Default.TaskReport);
        }

        var outcome = await WaitAsync(upid, timeoutSeconds, progress, cancellationToken);
        if (outcome.Succeeded && afterSuccess is not null && await afterSuccess(cancellationToken) is { } after)
        {
            notes = [.. notes ?? [], after];
        }

        var report = TaskReport.FromOutcome(action, outcome, Clean(notes));
        return outcome.Finished && !outcome.Succeeded
            ? ToolResults.Failure(report, ToolJsonContext.Default.TaskReport)
            : ToolResults.Success(report, ToolJsonContext.Default.TaskReport);
    }

    public Task<TaskOutcome> WaitAsync(Upid upid, int? timeoutSeconds, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        var timeout = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, 1, 3600)) : settings.TaskTimeout;
        var relay = progress is null ? null : new SynchronousProgress<TaskProgress>(p => progress.Report(new ProgressNotificationValue
        {
            Progress = p.Polls,
            Message = $"{upid.Type} {upid.Id} running for {p.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)} s" +
                (p.LatestLogLine is { } line ? ": " + line : ""),
        }));
        return waiter.WaitAsync(upid, timeout, relay, cancellationToken);
    }

    private static List<string>? Clean(IReadOnlyList<string>? notes) => notes?.Where(n => !string.IsNullOrEmpty(n)).ToList() is { Count: > 0 } list ? list : null;

    /// <summary>Turns a failed task into an exception for tools that must not go on (e.g. a step of a longer sequence).</summary>
    public static void ThrowIfFailed(string action, TaskOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Finished && !outcome.Succeeded)
        {
            throw new McpException($"{action} failed: {outcome.ExitStatus}");
        }
    }

    /// <summary>Reports on the caller's thread, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
