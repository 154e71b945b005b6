using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

// Growing a disk: the disk must exist and be a disk, the new size must be larger (Proxmox never shrinks), then PUT .../resize.
public sealed partial class GuestOperations
{
    public async Task<CallToolResult> ResizeDiskAsync(
        GuestCall call, string disk, string size, bool wait, IProgress<ProgressNotificationValue>? progress, CancellationToken cancellationToken)
    {
        var target = GuestTarget.Parse(call);
        var key = disk?.Trim() ?? "";
        if (!GuestDetailBuilder.IsDiskKey(target.Type, key))
        {
            throw new McpException(
                $"'disk' {GuestArguments.Quote(disk)} is not a disk key: " +
                (target.Type == GuestType.Qemu ? "VM disks are scsi0-30, virtio0-15, sata0-5, ide0-3, efidisk0 or tpmstate0." : "container disks are rootfs and mp0-mp255.") +
                $" {target.ToolName("get")} lists the guest's disks.");
        }

        var requested = DiskSize.RequireResize(size);
        var guest = await target.LocateAsync(locator, cancellationToken);
        var config = await proxmox.GetGuestConfigAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        var disks = GuestDetailBuilder.Disks(guest.Type, config);
        var current = disks.FirstOrDefault(d => d.Key == key) ?? throw new McpException(
            $"{guest.Describe()} has no disk {key}. Its disks: {(disks.Count == 0 ? "none" : string.Join(", ", disks.Select(d => d.ToText())))}.");
        if (current.Media == "cdrom")
        {
            throw new McpException($"{key} of {guest.Describe()} is a CD/DVD drive ({current.Volume ?? "empty"}), not a disk: it cannot be resized.");
        }

        var before = PropertyString.SizeBytes(current.Size);
        var relative = requested.StartsWith('+');
        var amount = PropertyString.SizeBytes(relative ? requested[1..] : requested) ?? 0;
        long? after = relative ? before + amount : amount;
        var action = $"Resize {key} of {guest.Describe()}";
        if (relative && amount <= 0)
        {
            throw new McpException($"'size' {GuestArguments.Quote(size)} adds nothing: give the growth, e.g. '+10G'.");
        }

        if (!relative && before is { } b && amount <= b)
        {
            if (amount == b)
            {
                return await tasks.ReportAsync(action, null, true, progress, cancellationToken, Notes($"{key} is already {current.Size}: nothing to do.", guest.Note));
            }

            throw new McpException(
                $"Disks only grow: {key} of {guest.Describe()} is {current.Size} now, and {requested} is smaller. " +
                $"To add space give the growth (e.g. size='+10G') or a total above {current.Size}. Shrinking is not possible in Proxmox.");
        }

        // PUT /nodes/{node}/{type}/{vmid}/resize: a task on current Proxmox versions, done at once on older ones.
        var upid = await proxmox.ResizeGuestDiskAsync(guest.Node, guest.Type, guest.VmId, key, requested, cancellationToken);
        var inside = guest.Type == GuestType.Qemu
            ? "Then grow the partition and filesystem inside the VM to use the space (e.g. growpart and resize2fs, or Disk Management on Windows)."
            : "Proxmox grows the container's filesystem as well.";
        return await tasks.ReportAsync(
            action, upid, wait, progress, cancellationToken, Notes(guest.Note, $"{key}: {current.Size ?? "?"} -> {Format.Bytes(after)}. {inside}"));
    }
}
