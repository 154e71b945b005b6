using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using ProxmoxMcp.Proxmox;
using ProxmoxMcp.Proxmox.Models;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Network;

/// <summary>Read-only views of networking: node interfaces, firewall rules and options, SDN zones and vnets.</summary>
public sealed class NetworkTools(ProxmoxClient proxmox, GuestLocator locator)
{
    private static readonly string[] InterfaceTypes = ["bridge", "bond", "eth", "alias", "vlan", "OVSBridge", "OVSBond", "OVSPort", "OVSIntPort", "vnet"];

    [McpServerTool(Name = "get_node_network", Title = "Node network interfaces", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(NodeNetworkOutput))]
    [Description("Lists a node's network interfaces (bridges, bonds, NICs, VLANs) with addresses, gateway and ports.")]
    [PveEndpoint("GET /nodes/{node}/network")]
    public async Task<CallToolResult> GetNodeNetwork(
        string node,
        [Description("bridge, bond, eth, vlan, ...")] string? type = null,
        CancellationToken cancellationToken = default)
    {
        var name = NodeName.Parse(node);
        if (type is not null && !InterfaceTypes.Contains(type, StringComparer.Ordinal))
        {
            throw new McpException($"type '{type}' is not one of {string.Join(", ", InterfaceTypes)}.");
        }

        // GET /nodes/{node}/network
        var interfaces = await proxmox.GetNodeNetworkAsync(name, type, cancellationToken);
        var items = interfaces.OrderBy(i => i.Iface, StringComparer.Ordinal).Select(i => new InterfaceItem
        {
            Iface = i.Iface,
            Type = i.Type,
            Active = i.Active,
            Cidr = i.Cidr ?? i.Address,
            Gateway = i.Gateway,
            Ports = i.BridgePorts ?? i.Slaves ?? i.VlanRawDevice,
            Comment = string.IsNullOrWhiteSpace(i.Comments) ? null : i.Comments.Trim(),
        }).ToList();
        return ToolResults.Success(new NodeNetworkOutput { Node = name.ToString(), Interfaces = items }, NetworkJsonContext.Default.NodeNetworkOutput);
    }

    [McpServerTool(Name = "get_firewall_rules", Title = "Firewall rules", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(FirewallRulesOutput))]
    [Description("Returns firewall rules and options of the cluster, of a node (node), or of a guest (vmid), in order.")]
    [PveEndpoint("GET /cluster/firewall/rules")]
    [PveEndpoint("GET /cluster/firewall/options")]
    [PveEndpoint("GET /cluster/firewall/groups")]
    [PveEndpoint("GET /nodes/{node}/firewall/rules")]
    [PveEndpoint("GET /nodes/{node}/firewall/options")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/firewall/rules")]
    [PveEndpoint("GET /nodes/{node}/{qemu|lxc}/{vmid}/firewall/options")]
    [PveEndpoint("GET /cluster/resources?type=vm")]
    public async Task<CallToolResult> GetFirewallRules(
        string? node = null,
        int? vmid = null,
        CancellationToken cancellationToken = default)
    {
        var nodeName = ToolArguments.OptionalNode(node);
        string scope;
        IReadOnlyList<FirewallRule> rules;
        FirewallOptions options;
        IReadOnlyList<string>? groups = null;
        if (vmid is { } id)
        {
            var guest = await locator.LocateAnyAsync(VmId.From(id), nodeName, cancellationToken);
            scope = guest.Describe();

            // GET /nodes/{node}/{type}/{vmid}/firewall/rules, GET /nodes/{node}/{type}/{vmid}/firewall/options
            rules = await proxmox.GetGuestFirewallRulesAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
            options = await proxmox.GetGuestFirewallOptionsAsync(guest.Node, guest.Type, guest.VmId, cancellationToken);
        }
        else if (nodeName is { } host)
        {
            scope = $"node {host}";

            // GET /nodes/{node}/firewall/rules, GET /nodes/{node}/firewall/options
            rules = await proxmox.GetNodeFirewallRulesAsync(host, cancellationToken);
            options = await proxmox.GetNodeFirewallOptionsAsync(host, cancellationToken);
        }
        else
        {
            scope = "the cluster";

            // GET /cluster/firewall/rules, GET /cluster/firewall/options, GET /cluster/firewall/groups
            rules = await proxmox.GetClusterFirewallRulesAsync(cancellationToken);
            options = await proxmox.GetClusterFirewallOptionsAsync(cancellationToken);
            groups = (await proxmox.GetFirewallGroupsAsync(cancellationToken)).Select(g => g.Group).ToList();
        }

        // The cluster's firewall is off unless enabled; a node's and a guest's default differently (node on, guest off).
        var enabled = options.Enable is { } e ? e != 0 : vmid is null && nodeName is not null;
        var output = new FirewallRulesOutput
        {
            Scope = scope,
            Enabled = enabled,
            PolicyIn = options.PolicyIn,
            PolicyOut = options.PolicyOut,
            Rules = rules.OrderBy(r => r.Pos).Select(r => new RuleItem { Pos = r.Pos, Rule = Describe(r), Enabled = r.Enable is null or not 0 }).ToList(),
            Groups = groups,
        };
        return ToolResults.Success(output, NetworkJsonContext.Default.FirewallRulesOutput);
    }

    [McpServerTool(Name = "get_sdn", Title = "SDN zones and vnets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(SdnOutput))]
    [Description("Lists the software-defined network (SDN) zones and vnets with type, bridge, VLAN tag and state.")]
    [PveEndpoint("GET /cluster/sdn/zones")]
    [PveEndpoint("GET /cluster/sdn/vnets")]
    public async Task<CallToolResult> GetSdn(CancellationToken cancellationToken = default)
    {
        // GET /cluster/sdn/zones, GET /cluster/sdn/vnets
        var zones = await proxmox.GetSdnZonesAsync(cancellationToken);
        var vnets = await proxmox.GetSdnVnetsAsync(cancellationToken);
        var output = new SdnOutput
        {
            Zones = zones.OrderBy(z => z.Zone, StringComparer.Ordinal)
                .Select(z => $"{z.Zone}: {z.Type}{(z.Bridge is null ? "" : $" on {z.Bridge}")}{(z.Nodes is null ? "" : $", nodes {z.Nodes}")}{(z.State is null ? "" : $" ({z.State})")}")
                .ToList(),
            Vnets = vnets.OrderBy(v => v.Vnet, StringComparer.Ordinal)
                .Select(v => $"{v.Vnet}: zone {v.Zone}{(v.Tag is { } tag ? $", tag {tag}" : "")}{(v.Alias is null ? "" : $" '{v.Alias}'")}{(v.State is null ? "" : $" ({v.State})")}")
                .ToList(),
        };
        return ToolResults.Success(output, NetworkJsonContext.Default.SdnOutput);
    }

    /// <summary>One line per rule, as the GUI reads: "IN ACCEPT -p tcp -dport 22 -source 10.0.0.0/8 # ssh".</summary>
    private static string Describe(FirewallRule r)
    {
        var parts = new List<string> { (r.Type ?? "").ToUpperInvariant(), r.Macro is null ? r.Action ?? "" : $"{r.Macro}({r.Action})" };
        void Add(string flag, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{flag} {value}");
            }
        }

        Add("-i", r.Iface);
        Add("-p", r.Proto);
        Add("-source", r.Source);
        Add("-dest", r.Dest);
        Add("-sport", r.Sport);
        Add("-dport", r.Dport);
        Add("-log", r.Log is "nolog" ? null : r.Log);
        var line = string.Join(' ', parts.Where(p => p.Length > 0));
        return string.IsNullOrWhiteSpace(r.Comment) ? line : $"{line} # {r.Comment.Trim()}";
    }
}
