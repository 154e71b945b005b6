namespace ProxmoxMcp.Proxmox.Protection;

/// <summary>
/// A write refused by PROXMOX_MCP_PROTECT or PROXMOX_MCP_ALLOW before anything was sent. The message is complete and
/// actionable; the error mapping passes it on as is.
/// </summary>
public sealed class GuestProtectedException : Exception
{
    public GuestProtectedException()
    {
    }

    public GuestProtectedException(string message)
        : base(message)
    {
    }

    public GuestProtectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The guest refused, when the refusal is about one guest.</summary>
    public long? VmId { get; init; }
}
