using ModelContextProtocol;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Snapshots;

/// <summary>
/// Snapshot tools work on VMs and containers alike: the kind is found from the vmid (one GET /cluster/resources?type=vm),
/// and an explicit <c>type</c> (vm|container, also qemu|lxc) is checked against it.
/// </summary>
public static class SnapshotGuest
{
    public static GuestType? ParseType(string? type) => type?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "vm" or "qemu" => GuestType.Qemu,
        "container" or "ct" or "lxc" => GuestType.Lxc,
        _ => throw new McpException($"type '{type}' is not one of: vm (or qemu), container (or lxc). It may be omitted: the kind is found from the vmid."),
    };

    public static async Task<GuestRef> LocateAsync(GuestLocator locator, VmId vmid, NodeName? node, GuestType? type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(locator);
        var guest = await locator.LocateAnyAsync(vmid, node, cancellationToken);
        if (type is { } expected && expected != guest.Type)
        {
            throw new McpException(
                $"{vmid} is {(guest.Type == GuestType.Lxc ? "a container (LXC)" : "a VM (QEMU)")}{(guest.Name is null ? "" : $" named '{guest.Name}'")}, " +
                $"not a {expected.Noun()}: call again with type={(guest.Type == GuestType.Lxc ? "container" : "vm")}, or omit type.");
        }

        return guest;
    }
}
