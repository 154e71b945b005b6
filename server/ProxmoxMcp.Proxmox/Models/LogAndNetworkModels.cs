using System.Text.Json.Serialization;
using ProxmoxMcp.Proxmox.Http;

namespace ProxmoxMcp.Proxmox.Models;

// GET /nodes/{node}/syslog: since/until as PVE takes them, "YYYY-MM-DD[ HH:MM[:SS]]" in the node's local time.
public sealed record SyslogQuery
{
    public int? Start { get; init; }
    public int? Limit { get; init; }
    public string? Since { get; init; }
    public string? Until { get; init; }
    public string? Service { get; init; }
}

// GET .../firewall/log: since/until in Unix seconds.
public sealed record FirewallLogQuery
{
    public int? Start { get; init; }
    public int? Limit { get; init; }
    public long? Since { get; init; }
    public long? Until { get; init; }

    internal PveParameters ToParameters() =>
        new PveParameters().Add("start", Start).Add("limit", Limit).Add("since", Since).Add("until", Until);
}

// GET /cluster/log
public sealed record ClusterLogEntry
{
    [JsonPropertyName("time")] public long? Time { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("user")] public string? User { get; init; }
    [JsonPropertyName("tag")] public string? Tag { get; init; }
    [JsonPropertyName("pri")] public int? Priority { get; init; }
    [JsonPropertyName("msg")] public string? Message { get; init; }
}

// GET /nodes/{node}/network
public sealed record NodeInterface
{
    [JsonPropertyName("iface")] public string Iface { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("active")] public bool? Active { get; init; }
    [JsonPropertyName("autostart")] public bool? Autostart { get; init; }
    [JsonPropertyName("method")] public string? Method { get; init; }
    [JsonPropertyName("cidr")] public string? Cidr { get; init; }
    [JsonPropertyName("address")] public string? Address { get; init; }
    [JsonPropertyName("gateway")] public string? Gateway { get; init; }
    [JsonPropertyName("cidr6")] public string? Cidr6 { get; init; }
    [JsonPropertyName("bridge_ports")] public string? BridgePorts { get; init; }
    [JsonPropertyName("bridge_vlan_aware")] public bool? VlanAware { get; init; }
    [JsonPropertyName("slaves")] public string? Slaves { get; init; }
    [JsonPropertyName("bond_mode")] public string? BondMode { get; init; }
    [JsonPropertyName("vlan-raw-device")] public string? VlanRawDevice { get; init; }
    [JsonPropertyName("vlan-id")] public int? VlanId { get; init; }
    [JsonPropertyName("mtu")] public int? Mtu { get; init; }
    [JsonPropertyName("comments")] public string? Comments { get; init; }
}

// GET .../firewall/rules
public sealed record FirewallRule
{
    [JsonPropertyName("pos")] public int Pos { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("enable")] public int? Enable { get; init; }
    [JsonPropertyName("macro")] public string? Macro { get; init; }
    [JsonPropertyName("proto")] public string? Proto { get; init; }
    [JsonPropertyName("source")] public string? Source { get; init; }
    [JsonPropertyName("dest")] public string? Dest { get; init; }
    [JsonPropertyName("sport")] public string? Sport { get; init; }
    [JsonPropertyName("dport")] public string? Dport { get; init; }
    [JsonPropertyName("iface")] public string? Iface { get; init; }
    [JsonPropertyName("log")] public string? Log { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
}

// GET .../firewall/options (cluster, node and guest options share these keys; each level has more)
public sealed record FirewallOptions
{
    [JsonPropertyName("enable")] public long? Enable { get; init; }
    [JsonPropertyName("policy_in")] public string? PolicyIn { get; init; }
    [JsonPropertyName("policy_out")] public string? PolicyOut { get; init; }
    [JsonPropertyName("log_level_in")] public string? LogLevelIn { get; init; }
    [JsonPropertyName("log_level_out")] public string? LogLevelOut { get; init; }
}

// GET /cluster/firewall/groups
public sealed record FirewallGroup
{
    [JsonPropertyName("group")] public string Group { get; init; } = "";
    [JsonPropertyName("comment")] public string? Comment { get; init; }
}

// GET /cluster/sdn/zones
public sealed record SdnZone
{
    [JsonPropertyName("zone")] public string Zone { get; init; } = "";
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("bridge")] public string? Bridge { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
    [JsonPropertyName("nodes")] public string? Nodes { get; init; }
    [JsonPropertyName("ipam")] public string? Ipam { get; init; }
}

// GET /cluster/sdn/vnets
public sealed record SdnVnet
{
    [JsonPropertyName("vnet")] public string Vnet { get; init; } = "";
    [JsonPropertyName("zone")] public string? Zone { get; init; }
    [JsonPropertyName("tag")] public long? Tag { get; init; }
    [JsonPropertyName("alias")] public string? Alias { get; init; }
    [JsonPropertyName("state")] public string? State { get; init; }
}
