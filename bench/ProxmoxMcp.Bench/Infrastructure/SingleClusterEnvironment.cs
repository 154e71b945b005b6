namespace ProxmoxMcp.Bench.Infrastructure;

/// <summary>
/// The settings of the common installation: one cluster from the environment (PROXMOX_HOST and an API token), as the
/// systemd unit's env file gives them. initialize and tools/list never contact Proxmox, so nothing listens there.
/// (--simulate serves two clusters, and with several clusters every tool offers a <c>cluster</c> argument.)
/// </summary>
internal static class SingleClusterEnvironment
{
    public static Dictionary<string, string?> Create() => new()
    {
        ["PROXMOX_HOST"] = "127.0.0.1",
        ["PROXMOX_TOKEN_ID"] = "bench@pve!mcp",
        ["PROXMOX_TOKEN_SECRET"] = "00000000-0000-0000-0000-000000000000",
    };
}
