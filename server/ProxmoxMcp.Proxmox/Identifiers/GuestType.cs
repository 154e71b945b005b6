namespace ProxmoxMcp.Proxmox;

/// <summary>The two kinds of guest: a QEMU virtual machine ("vm") or an LXC container ("container").</summary>
public enum GuestType
{
    Qemu,
    Lxc,
}

public static class GuestTypeExtensions
{
    /// <summary>The PVE path segment and resource type: <c>qemu</c> or <c>lxc</c>.</summary>
    public static string ApiName(this GuestType type) => type == GuestType.Qemu ? "qemu" : "lxc";

    /// <summary>The word this product uses: "VM" or "container".</summary>
    public static string Noun(this GuestType type) => type == GuestType.Qemu ? "VM" : "container";

    public static GuestType? FromApiName(string? name) => name switch
    {
        "qemu" => GuestType.Qemu,
        "lxc" => GuestType.Lxc,
        _ => null,
    };
}
