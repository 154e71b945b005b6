namespace ProxmoxMcp.Proxmox;

/// <summary>The power actions under <c>/nodes/{node}/{qemu|lxc}/{vmid}/status/</c>.</summary>
public enum GuestPowerAction
{
    Start,
    Stop,
    Shutdown,
    Reboot,
    Reset,
    Suspend,
    Resume,
}

public static class GuestPowerActionExtensions
{
    public static string ApiName(this GuestPowerAction action) => action switch
    {
        GuestPowerAction.Start => "start",
        GuestPowerAction.Stop => "stop",
        GuestPowerAction.Shutdown => "shutdown",
        GuestPowerAction.Reboot => "reboot",
        GuestPowerAction.Reset => "reset",
        GuestPowerAction.Suspend => "suspend",
        GuestPowerAction.Resume => "resume",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };
}
