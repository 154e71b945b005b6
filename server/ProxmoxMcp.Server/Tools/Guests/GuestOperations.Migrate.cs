using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>migrate_vm (online, with_local_disks) and migrate_container (restart, timeout) arguments, as given.</summary>
public sealed record MigrateArgs(string Target)
{
    public bool? Online { get; init; }
    public bool? WithLocalDisks { get; init; }
    public bool? Restart { get; init; }
    public int? TimeoutSeconds { get; init; }
    public bool Wait { get; init; } = true;
}

// Migration: the target must be another online node; running VMs move live, running containers by restart (downtime, said so).
public sealed partial class GuestOperations
{
    public async Task<CallToolResult> MigrateAsync(GuestCall call, MigrateArgs args, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var source = GuestTarget.Parse(call);
        var target = NodeName.Parse(args.Target, "target");
        GuestArguments.InRange(args.TimeoutSeconds, "timeout", 1, 86_400, " seconds");
        var guest = await source.LocateAsync(locator, cancellationToken);
        var action = $"Migrate {guest.Describe()} to {target}";
        if (guest.Node == target)
        {
            return await tasks.ReportAsync(action, null, true, progress, cancellationToken, Notes($"It is already on {target}: nothing to do.", guest.Note));
        }

        var running = guest.Status is "running" or "paused";
        string? how;
        if (guest.Type == GuestType.Qemu)
        {
            if (running && args.Online == false)
            {
                throw new McpException(
                    $"{guest.Describe()} is running: Proxmox moves a running VM only live. Use online=true (the default for running VMs), or shut it down first with shutdown_vm.");
            }

            await RequireNodeAsync(target, "target", mustBeOnline: true, cancellationToken);
            var upid = await proxmox.MigrateVmAsync(guest.Node, guest.VmId, target, running ? true : null, running ? args.WithLocalDisks ?? true : args.WithLocalDisks, cancellationToken);
            how = running ? "Live migration: the VM keeps running while it moves." : "Offline migration of a stopped VM.";
            return await tasks.ReportAsync(action, upid, args.Wait, progress, cancellationToken, Notes(guest.Note, how));
        }

        if (running && args.Restart == false)
        {
            throw new McpException(
                $"{guest.Describe()} is running, and containers cannot move live. Use restart=true (the default for running containers: " +
                "shut down, moved, started again on the target, with downtime), or shut it down first with shutdown_container.");
        }

        await RequireNodeAsync(target, "target", mustBeOnline: true, cancellationToken);
        var task = await proxmox.MigrateContainerAsync(guest.Node, guest.VmId, target, running ? true : null, args.TimeoutSeconds, cancellationToken);
        how = running
            ? $"Restart migration: the container is shut down (waiting up to {args.TimeoutSeconds ?? 180} s), moved and started again on {target}; it is unreachable meanwhile."
            : "Offline migration of a stopped container.";
        return await tasks.ReportAsync(action, task, args.Wait, progress, cancellationToken, Notes(guest.Note, how), WaitBound(running ? (args.TimeoutSeconds ?? 180) : null));
    }
}
