using ProxmoxMcp.Proxmox.Http;
using ProxmoxMcp.Proxmox.Models;

namespace ProxmoxMcp.Proxmox;

// Read-only views of networking: node interfaces, firewall rules and options, SDN.
public sealed partial class ProxmoxClient
{
    // GET /nodes/{node}/network
    public async Task<IReadOnlyList<NodeInterface>> GetNodeNetworkAsync(NodeName node, string? type = null, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes/{node}/network"), new PveParameters().Add("type", type), Json.ListNodeInterface, cancellationToken);

    // GET /cluster/firewall/rules
    public async Task<IReadOnlyList<FirewallRule>> GetClusterFirewallRulesAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/firewall/rules"), null, Json.ListFirewallRule, cancellationToken);

    // GET /cluster/firewall/options
    public Task<FirewallOptions> GetClusterFirewallOptionsAsync(CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/cluster/firewall/options"), null, Json.FirewallOptions, cancellationToken);

    // GET /cluster/firewall/groups
    public async Task<IReadOnlyList<FirewallGroup>> GetFirewallGroupsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/firewall/groups"), null, Json.ListFirewallGroup, cancellationToken);

    // GET /nodes/{node}/firewall/rules
    public async Task<IReadOnlyList<FirewallRule>> GetNodeFirewallRulesAsync(NodeName node, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes/{node}/firewall/rules"), null, Json.ListFirewallRule, cancellationToken);

    // GET /nodes/{node}/firewall/options
    public Task<FirewallOptions> GetNodeFirewallOptionsAsync(NodeName node, CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/nodes/{node}/firewall/options"), null, Json.FirewallOptions, cancellationToken);

    // GET /nodes/{node}/qemu/{vmid}/firewall/rules and GET /nodes/{node}/lxc/{vmid}/firewall/rules
    public async Task<IReadOnlyList<FirewallRule>> GetGuestFirewallRulesAsync(NodeName node, GuestType type, VmId vmid, CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/nodes/{node}/{type}/{vmid}/firewall/rules"), null, Json.ListFirewallRule, cancellationToken);

    // GET /nodes/{node}/qemu/{vmid}/firewall/options and GET /nodes/{node}/lxc/{vmid}/firewall/options
    public Task<FirewallOptions> GetGuestFirewallOptionsAsync(NodeName node, GuestType type, VmId vmid, CancellationToken cancellationToken = default) =>
        http.GetAsync(PvePath.Of($"/nodes/{node}/{type}/{vmid}/firewall/options"), null, Json.FirewallOptions, cancellationToken);

    // GET /cluster/sdn/zones
    public async Task<IReadOnlyList<SdnZone>> GetSdnZonesAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/sdn/zones"), null, Json.ListSdnZone, cancellationToken);

    // GET /cluster/sdn/vnets
    public async Task<IReadOnlyList<SdnVnet>> GetSdnVnetsAsync(CancellationToken cancellationToken = default) =>
        await http.GetAsync(PvePath.Of($"/cluster/sdn/vnets"), null, Json.ListSdnVnet, cancellationToken);
}
