using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

public sealed partial class ProxmoxClient
{
    // GET /storage
    public async Task<IReadOnlyList<StorageDefinition>> GetStorageDefinitionsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/storage"), null, Json.ListStorageDefinition, cancellationToken);

    // GET /nodes/{node}/storage
    public async Task<IReadOnlyList<NodeStorage>> GetNodeStoragesAsync(NodeName node, string? content = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(
            PvePath.Of($"/nodes/{node}/storage"),
            new PveParameters().Add("content", StorageContent.RequireOptional(content)),
            Json.ListNodeStorage,
            cancellationToken);

    // GET /nodes/{node}/storage/{storage}/content
    public async Task<IReadOnlyList<StorageVolume>> GetStorageContentAsync(
        NodeName node, StorageId storage, string? content = null, VmId? vmid = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(
            PvePath.Of($"/nodes/{node}/storage/{storage}/content"),
            new PveParameters().Add("content", StorageContent.RequireOptional(content)).Add("vmid", vmid),
            Json.ListStorageVolume,
            cancellationToken);

    // DELETE /nodes/{node}/storage/{storage}/content/{volume}
    public Task<Upid?> DeleteVolumeAsync(NodeName node, VolumeId volume, CancellationToken cancellationToken = default) =>
        http.SendMaybeTaskAsync(HttpMethod.Delete, PvePath.Of($"/nodes/{node}/storage/{volume.Storage}/content/{volume}"), null, cancellationToken);
}
