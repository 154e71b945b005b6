namespace ProxmoxMcp.Server.Configuration;

/// <summary>Whether commands may be run inside VMs through the QEMU guest agent (run_guest_command).</summary>
public enum GuestExecMode
{
    /// <summary>run_guest_command is not offered (default).</summary>
    Off,

    /// <summary>run_guest_command runs only programs named in PROXMOX_MCP_GUEST_EXEC_ALLOW, after confirmation.</summary>
    AllowList,
}
