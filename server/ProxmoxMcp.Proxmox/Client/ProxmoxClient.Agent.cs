using System.Text.Json;
using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

// The QEMU guest agent (a VM must run with agent=1 and qemu-guest-agent inside) and a container's interfaces.
public sealed partial class ProxmoxClient
{
    /// <summary>Largest count read_guest_file may ask for (PVE's own limit is 16 MiB).</summary>
    public const int MaxFileReadBytes = 16 * 1024 * 1024;

    // GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces
    public async Task<IReadOnlyList<GuestInterface>> GetAgentNetworkInterfacesAsync(NodeName node, VmId vmid, CancellationToken cancellationToken = default) =>
        (await http.GetAsync(PvePath.Of($"/nodes/{node}/qemu/{vmid}/agent/network-get-interfaces"), null, Json.AgentResultListGuestInterface, cancellationToken)).Result ?? [];

    // GET /nodes/{node}/qemu/{vmid}/agent/get-osinfo
    public async Task<GuestOsInfo> GetAgentOsInfoAsync(NodeName node, VmId vmid, CancellationToken cancellationToken = default) =>
        (await http.GetAsync(PvePath.Of($"/nodes/{node}/qemu/{vmid}/agent/get-osinfo"), null, Json.AgentResultGuestOsInfo, cancellationToken)).Result ?? new GuestOsInfo();

    // GET /nodes/{node}/qemu/{vmid}/agent/get-host-name
    public async Task<string?> GetAgentHostNameAsync(NodeName node, VmId vmid, CancellationToken cancellationToken = default) =>
        (await http.GetAsync(PvePath.Of($"/nodes/{node}/qemu/{vmid}/agent/get-host-name"), null, Json.AgentResultGuestHostName, cancellationToken)).Result?.HostName;

    // POST /nodes/{node}/qemu/{vmid}/agent/exec  (sent as JSON: "command" is an array, and a one-item form value would be a string)
    public async Task<long> StartAgentExecAsync(NodeName node, VmId vmid, IReadOnlyList<string> command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
        {
            throw new ProxmoxArgumentException("command", "Name the program to run.");
        }

        using var response = await http.PostJsonAsync(
            PvePath.Of($"/nodes/{node}/qemu/{vmid}/agent/exec"),
            writer =>
            {
                writer.WriteStartArray("command");
                foreach (var part in command)
                {
                    writer.WriteStringValue(part);
                }

                writer.WriteEndArray();
            },
            command.Aggregate(new PveParameters(), (p, part) => p.Add("command", part)),
            cancellationToken);
        return response.Data.Deserialize(Json.AgentExecStarted)?.Pid
            ?? throw new ProxmoxApiException(200, "Unexpected reply", "agent/exec returned no pid", new Dictionary<string, string>(), "POST", "agent/exec");
    }

    // GET /nodes/{node}/qemu/{vmid}/agent/exec-status
    public Task<AgentExecStatus> GetAgentExecStatusAsync(NodeName node, VmId vmid, long pid, CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/nodes/{node}/qemu/{vmid}/agent/exec-status"), new PveParameters().Add("pid", pid), Json.AgentExecStatus, cancellationToken);

    // GET /nodes/{node}/qemu/{vmid}/agent/file-read  (count exists since PVE 9; without it PVE reads up to 16 MiB)
    public Task<AgentFileContent> ReadAgentFileAsync(NodeName node, VmId vmid, string file, int? count, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(file) || file.Contains('\0', StringComparison.Ordinal) || file.Length > 4096)
        {
            throw new ProxmoxArgumentException("file", "Give the file's path inside the guest, e.g. /etc/os-release.");
        }

        if (count is < 1 or > MaxFileReadBytes)
        {
            throw new ProxmoxArgumentException("max_bytes", $"Read 1 to {MaxFileReadBytes} bytes.");
        }

        return http.GetAsync(
            PvePath.Of($"/nodes/{node}/qemu/{vmid}/agent/file-read"),
            new PveParameters().Add("file", file).Add("count", count),
            Json.AgentFileContent,
            cancellationToken);
    }

    // GET /nodes/{node}/lxc/{vmid}/interfaces  (null data when the container is not running)
    public async Task<IReadOnlyList<GuestInterface>?> GetContainerInterfacesAsync(NodeName node, VmId vmid, CancellationToken cancellationToken = default)
    {
        using var response = await http.SendAsync(HttpMethod.Get, PvePath.Of($"/nodes/{node}/lxc/{vmid}/interfaces"), null, cancellationToken);
        return response.Data.ValueKind == JsonValueKind.Array ? response.Data.Deserialize(Json.ListGuestInterface) : null;
    }
}
