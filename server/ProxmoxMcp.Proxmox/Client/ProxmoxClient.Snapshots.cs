using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

public sealed partial class ProxmoxClient
{
    // GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot
    public async Task<IReadOnlyList<Snapshot>> GetSnapshotsAsync(NodeName node, GuestType type, VmId vmid, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes/{node}/{type}/{vmid}/snapshot"), null, Json.ListSnapshot, cancellationToken);

    // POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot  (vmstate, the RAM, only for VMs)
    public Task<Upid> CreateSnapshotAsync(
        NodeName node, GuestType type, VmId vmid, SnapshotName name, string? description = null, bool? includeRam = null, CancellationToken cancellationToken = default) =>
        http.StartTaskAsync(
            HttpMethod.Post,
            PvePath.Of($"/nodes/{node}/{type}/{vmid}/snapshot"),
            new PveParameters()
                .Add("snapname", name)
                .Add("description", description)
                .Add("vmstate", type == GuestType.Qemu ? includeRam : null),
            cancellationToken);

    // DELETE /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}
    public Task<Upid> DeleteSnapshotAsync(NodeName node, GuestType type, VmId vmid, SnapshotName name, bool? force = null, CancellationToken cancellationToken = default) =>
        http.StartTaskAsync(
            HttpMethod.Delete,
            PvePath.Of($"/nodes/{node}/{type}/{vmid}/snapshot/{name}"),
            new PveParameters().Add("force", force),
            cancellationToken);

    // POST /nodes/{node}/{qemu|lxc}/{vmid}/snapshot/{snapname}/rollback
    public Task<Upid> RollbackSnapshotAsync(NodeName node, GuestType type, VmId vmid, SnapshotName name, bool? start = null, CancellationToken cancellationToken = default) =>
        http.StartTaskAsync(
            HttpMethod.Post,
            PvePath.Of($"/nodes/{node}/{type}/{vmid}/snapshot/{name}/rollback"),
            new PveParameters().Add("start", start),
            cancellationToken);
}
