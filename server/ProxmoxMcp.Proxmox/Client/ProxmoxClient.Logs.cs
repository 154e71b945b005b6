using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

// Logs: a node's system log, the cluster log and the firewall logs.
public sealed partial class ProxmoxClient
{
    // GET /nodes/{node}/syslog
    public async Task<(IReadOnlyList<TaskLogLine> Lines, int? Total)> GetNodeSyslogAsync(NodeName node, SyslogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await http.GetPageAsync(
            PvePath.Of($"/nodes/{node}/syslog"),
            new PveParameters().Add("start", query.Start).Add("limit", query.Limit).Add("since", query.Since).Add("until", query.Until).Add("service", query.Service),
            Json.ListTaskLogLine,
            cancellationToken);
    }

    // GET /cluster/log
    public async Task<IReadOnlyList<ClusterLogEntry>> GetClusterLogAsync(int max, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/log"), new PveParameters().Add("max", max), Json.ListClusterLogEntry, cancellationToken);

    // GET /nodes/{node}/firewall/log
    public async Task<(IReadOnlyList<TaskLogLine> Lines, int? Total)> GetNodeFirewallLogAsync(NodeName node, FirewallLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await http.GetPageAsync(PvePath.Of($"/nodes/{node}/firewall/log"), query.ToParameters(), Json.ListTaskLogLine, cancellationToken);
    }

    // GET /nodes/{node}/qemu/{vmid}/firewall/log and GET /nodes/{node}/lxc/{vmid}/firewall/log
    public async Task<(IReadOnlyList<TaskLogLine> Lines, int? Total)> GetGuestFirewallLogAsync(NodeName node, GuestType type, VmId vmid, FirewallLogQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return await http.GetPageAsync(PvePath.Of($"/nodes/{node}/{type}/{vmid}/firewall/log"), query.ToParameters(), Json.ListTaskLogLine, cancellationToken);
    }
}
