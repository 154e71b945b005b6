using ModelContextProtocol;
using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Api;

/// <summary>
/// call_api_write DELETE of a whole guest: Proxmox refuses it for a guest with protection=1, so that is said before
/// anyone is asked to confirm (GET .../config), as delete_vm and delete_container do.
/// </summary>
internal static class GuestDeletion
{
    public static async Task RefuseIfProtectedAsync(ProxmoxClient proxmox, ApiRequest request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Delete || request.Endpoint.Path is not ("/nodes/{node}/qemu/{vmid}" or "/nodes/{node}/lxc/{vmid}"))
        {
            return;
        }

        var parts = request.ReadablePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var type = GuestTypeExtensions.FromApiName(parts[2])!.Value;
        var vmid = VmId.Parse(parts[3]);
        var config = await proxmox.GetGuestConfigAsync(NodeName.Parse(parts[1]), type, vmid, cancellationToken);
        if (config.IsProtected)
        {
            var tool = type == GuestType.Qemu ? "update_vm" : "update_container";
            throw new McpException(
                $"{(type == GuestType.Qemu ? "VM" : "Container")} {vmid} is protected (protection=1): Proxmox refuses to delete it or its disks. " +
                $"If the user really wants it deleted, lift the protection first with {tool} vmid={vmid} protection=false, then call again.");
        }
    }
}
