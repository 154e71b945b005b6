using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Json;

namespace ProxmoxMcp.Proxmox;

/// <summary>
/// The typed Proxmox VE API client: one method per endpoint the tools use, each with its route in a comment.
/// Every identifier is a validated type, so nothing unvalidated reaches a request path.
/// </summary>
public sealed partial class ProxmoxClient(ProxmoxHttp http)
{
    private static ProxmoxJsonContext Json => ProxmoxJsonContext.Default;

    private static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();
}
