using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Backups;

/// <summary>What a backup volume holds, read from its name: vzdump-qemu-/vzdump-lxc- files, or vm/ and ct/ groups on Proxmox Backup Server.</summary>
public static class BackupArchive
{
    /// <param name="volid">The volume id, e.g. local:backup/vzdump-lxc-101-2025_01_01-00_00_00.tar.zst or pbs:backup/vm/100/2025-01-01T00:00:00Z.</param>
    /// <param name="subtype">PVE's <c>subtype</c> field of the storage content list (qemu or lxc), when known.</param>
    public static GuestType? KindOf(string volid, string? subtype = null)
    {
        ArgumentNullException.ThrowIfNull(volid);
        if (GuestTypeExtensions.FromApiName(subtype) is { } known)
        {
            return known;
        }

        var name = volid[(volid.IndexOf(':', StringComparison.Ordinal) + 1)..];
        var file = name[(name.LastIndexOf('/') + 1)..];
        if (file.StartsWith("vzdump-qemu-", StringComparison.Ordinal) || name.StartsWith("backup/vm/", StringComparison.Ordinal))
        {
            return GuestType.Qemu;
        }

        if (file.StartsWith("vzdump-lxc-", StringComparison.Ordinal) || file.StartsWith("vzdump-openvz-", StringComparison.Ordinal)
            || name.StartsWith("backup/ct/", StringComparison.Ordinal))
        {
            return GuestType.Lxc;
        }

        return null;
    }
}
