using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>A power action and its options; each option applies only where Proxmox has it.</summary>
public sealed record PowerRequest(GuestPowerAction Action, bool Wait = true, int? TimeoutSeconds = null, bool ForceStop = false, string? Confirm = null);

// Power actions: start, stop, shutdown, reboot, reset, suspend, resume.
public sealed partial class GuestOperations
{
    /// <summary>
    /// POST .../status/{action}: templates are refused before it (they never run); hard stops (stop, reset, shutdown
    /// with force_stop) need consent first; then the task is waited for and reported, a failed task as a tool error.
    /// </summary>
    public async Task<CallToolResult> PowerAsync(
        GuestCall call, PowerRequest request, McpServer server, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = GuestTarget.Parse(call);
        GuestArguments.InRange(request.TimeoutSeconds, "timeout", 0, 86_400, " seconds");
        var guest = await target.LocateAsync(locator, cancellationToken);
        if (guest.Template)
        {
            throw new McpException(
                $"{guest.Describe()} is a template: templates never run, so it cannot be {Participle(request.Action)}. " +
                $"Clone it with {target.ToolName("clone")} and use the clone.");
        }

        if (await UnchangedAsync(guest, target, request.Action, cancellationToken) is { } unchanged)
        {
            return await tasks.ReportAsync($"{Verb(request.Action)} {guest.Describe()}", null, true, progress, cancellationToken, Notes(unchanged, guest.Note));
        }

        await GuardAsync(HttpMethod.Post, guest, $"/status/{request.Action.ApiName()}", cancellationToken);
        if (HardStopConsequence(guest, request) is { } consequence)
        {
            await confirmation.RequireAsync(server, target.Tool, consequence, guest.VmId.ToString(), request.Confirm, cancellationToken);
        }

        var options = new PowerOptions
        {
            TimeoutSeconds = request.TimeoutSeconds,
            ForceStop = request.Action == GuestPowerAction.Shutdown && request.ForceStop ? true : null,
        };
        var upid = await proxmox.ChangeGuestPowerAsync(guest.Node, guest.Type, guest.VmId, request.Action, options, cancellationToken);
        return await tasks.ReportAsync(
            $"{Verb(request.Action)} {guest.Describe()}", upid, request.Wait, progress, cancellationToken, Notes(guest.Note), WaitBound(request.TimeoutSeconds));
    }

    /// <summary>
    /// GET .../status/current first: an action that would change nothing is answered here ("already running"), and one
    /// Proxmox refuses in this state is refused here, both without a write. (PVE fails a start of a running VM in its
    /// task and a stop of a stopped container with HTTP 500.)
    /// </summary>
    private async Task<string?> UnchangedAsync(GuestRef guest, GuestTarget target, GuestPowerAction action, CancellationToken cancellationToken)
    {
        var status = await proxmox.GetGuestStatusAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var stopped = status.Status == "stopped";
        var paused = !stopped && status.QmpStatus is "paused" or "suspended";
        var suspendedToDisk = stopped && (status.Lock ?? guest.Lock) == "suspended";
        var nothingSent = "nothing was sent and no task started.";
        var who = Sentence(guest);
        return action switch
        {
            GuestPowerAction.Start when paused =>
                throw new McpException($"{who} is paused (suspended in memory), not stopped: resume_vm continues it. Nothing was sent."),
            GuestPowerAction.Start when !stopped => $"{who} is already running: {nothingSent}",
            GuestPowerAction.Stop or GuestPowerAction.Shutdown when stopped =>
                $"{who} is already stopped{(suspendedToDisk ? " (suspended to disk; start_vm resumes it)" : "")}: {nothingSent}",
            GuestPowerAction.Reboot or GuestPowerAction.Reset or GuestPowerAction.Suspend when stopped => throw NotRunning(guest, target, action),
            GuestPowerAction.Resume when stopped && !suspendedToDisk => throw NotRunning(guest, target, action),
            GuestPowerAction.Suspend when paused => $"{who} is already paused: {nothingSent}",
            GuestPowerAction.Resume when guest.Type == GuestType.Qemu && !stopped && !paused => $"{who} is already running: {nothingSent}",
            _ => null,
        };
    }

    private static McpException NotRunning(GuestRef guest, GuestTarget target, GuestPowerAction action) =>
        new($"{Sentence(guest)} is stopped, so it cannot be {Participle(action)}; {target.ToolName("start")} starts it. Nothing was sent.");

    /// <summary>"Container 204 'wiki' on pve1": the guest at the start of a sentence.</summary>
    private static string Sentence(GuestRef guest) => guest.Describe() is var d && d.Length > 0 ? char.ToUpperInvariant(d[0]) + d[1..] : d;

    private static string? HardStopConsequence(GuestRef guest, PowerRequest request) => request.Action switch
    {
        GuestPowerAction.Stop => $"This hard-stops {guest.Describe()} at once, like pulling the power cord: whatever the guest has not saved is lost",
        GuestPowerAction.Reset => $"This resets {guest.Describe()} at once, like pressing the reset button: whatever the guest has not saved is lost",
        GuestPowerAction.Shutdown when request.ForceStop =>
            $"This shuts down {guest.Describe()} and, if it has not stopped after {(request.TimeoutSeconds is { } t ? $"{t} s" : "the timeout")}, hard-stops it: " +
            "whatever the guest has not saved is then lost",
        _ => null,
    };

    private static string Verb(GuestPowerAction action) => action switch
    {
        GuestPowerAction.Start => "Start",
        GuestPowerAction.Stop => "Hard stop",
        GuestPowerAction.Shutdown => "Shut down",
        GuestPowerAction.Reboot => "Reboot",
        GuestPowerAction.Reset => "Reset",
        GuestPowerAction.Suspend => "Suspend",
        _ => "Resume",
    };

    private static string Participle(GuestPowerAction action) => action switch
    {
        GuestPowerAction.Start => "started",
        GuestPowerAction.Stop => "stopped",
        GuestPowerAction.Shutdown => "shut down",
        GuestPowerAction.Reboot => "rebooted",
        GuestPowerAction.Reset => "reset",
        GuestPowerAction.Suspend => "suspended",
        _ => "resumed",
    };
}
