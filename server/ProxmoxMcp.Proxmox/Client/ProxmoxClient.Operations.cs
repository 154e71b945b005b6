using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

// Backup jobs, HA, replication and Ceph: what the operational checks read.
public sealed partial class ProxmoxClient
{
    // GET /cluster/backup
    public async Task<IReadOnlyList<BackupJob>> GetBackupJobsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/backup"), null, Json.ListBackupJob, cancellationToken);

    // GET /cluster/backup-info/not-backed-up
    public async Task<IReadOnlyList<NotBackedUpGuest>> GetGuestsNotBackedUpAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/backup-info/not-backed-up"), null, Json.ListNotBackedUpGuest, cancellationToken);

    // GET /cluster/ha/status/current
    public async Task<IReadOnlyList<HaStatusEntry>> GetHaStatusAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/ha/status/current"), null, Json.ListHaStatusEntry, cancellationToken);

    // GET /cluster/ha/resources
    public async Task<IReadOnlyList<HaResource>> GetHaResourcesAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/ha/resources"), null, Json.ListHaResource, cancellationToken);

    // GET /cluster/replication
    public async Task<IReadOnlyList<ReplicationJob>> GetReplicationJobsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/replication"), null, Json.ListReplicationJob, cancellationToken);

    // GET /nodes/{node}/replication
    public async Task<IReadOnlyList<ReplicationJob>> GetNodeReplicationAsync(NodeName node, VmId? guest = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes/{node}/replication"), new PveParameters().Add("guest", guest), Json.ListReplicationJob, cancellationToken);

    // GET /cluster/ceph/status
    public Task<CephStatus> GetCephStatusAsync(CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/cluster/ceph/status"), null, Json.CephStatus, cancellationToken);
}
