using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

public sealed partial class ProxmoxClient
{
    // GET /nodes
    public async Task<IReadOnlyList<NodeSummary>> GetNodesAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes"), null, Json.ListNodeSummary, cancellationToken);

    // GET /nodes/{node}/status
    public Task<NodeStatus> GetNodeStatusAsync(NodeName node, CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/nodes/{node}/status"), null, Json.NodeStatus, cancellationToken);

    // GET /nodes/{node}/rrddata
    public async Task<IReadOnlyList<RrdSample>> GetNodeRrdDataAsync(
        NodeName node, RrdTimeframe timeframe, RrdConsolidation consolidation = RrdConsolidation.Average, CancellationToken cancellationToken = default) =>
        await http.GetAsync(
            PvePath.Of($"/nodes/{node}/rrddata"),
            new PveParameters().Add("timeframe", Lower(timeframe)).Add("cf", consolidation.ToString().ToUpperInvariant()),
            Json.ListRrdSample,
            cancellationToken);
}
