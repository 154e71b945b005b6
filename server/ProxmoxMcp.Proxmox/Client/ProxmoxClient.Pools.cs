using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

// Pool ids may be nested (a/b), so they travel as the poolid parameter of /pools, never as a path segment.
public sealed partial class ProxmoxClient
{
    // GET /pools
    public async Task<IReadOnlyList<Pool>> GetPoolsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/pools"), null, Json.ListPool, cancellationToken);

    // GET /pools?poolid={poolid}  (one pool with its members)
    public async Task<Pool?> GetPoolAsync(PoolId pool, CancellationToken cancellationToken = default) =>
        (await http.GetAsync(PvePath.Of($"/pools"), new PveParameters().Add("poolid", pool), Json.ListPool, cancellationToken)).FirstOrDefault();

    // POST /pools
    public async Task CreatePoolAsync(PoolId pool, string? comment = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.SendAsync(HttpMethod.Post, PvePath.Of($"/pools"), new PveParameters().Add("poolid", pool).Add("comment", comment), cancellationToken);
    }

    // PUT /pools  (add members, or remove them with delete=1; allow-move takes guests from another pool)
    public async Task UpdatePoolAsync(
        PoolId pool,
        IReadOnlyList<VmId>? vms = null,
        IReadOnlyList<StorageId>? storages = null,
        bool remove = false,
        string? comment = null,
        bool? allowMove = null,
        CancellationToken cancellationToken = default)
    {
        var parameters = new PveParameters()
            .Add("poolid", pool)
            .Add("vms", vms is { Count: > 0 } ? string.Join(',', vms.Select(v => v.Wire)) : null)
            .Add("storage", storages is { Count: > 0 } ? string.Join(',', storages.Select(s => s.Wire)) : null)
            .Add("delete", remove ? true : null)
            .Add("comment", comment)
            .Add("allow-move", remove ? null : allowMove);
        using var response = await http.SendAsync(HttpMethod.Put, PvePath.Of($"/pools"), parameters, cancellationToken);
    }

    // DELETE /pools?poolid={poolid}
    public async Task DeletePoolAsync(PoolId pool, CancellationToken cancellationToken = default)
    {
        using var response = await http.SendAsync(HttpMethod.Delete, PvePath.Of($"/pools"), new PveParameters().Add("poolid", pool), cancellationToken);
    }
}
