using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Cluster;

public sealed record ClusterNodeState(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("online")] bool Online,
    [property: JsonPropertyName("ip")] string? Ip = null,
    [property: JsonPropertyName("local")] bool Local = false);

public sealed record ClusterStatusOutput : IToolOutput
{
    /// <summary>Null for a standalone node (no cluster configured).</summary>
    [JsonPropertyName("cluster_name")] public string? ClusterName { get; init; }
    [JsonPropertyName("quorate")] public bool? Quorate { get; init; }
    [JsonPropertyName("nodes_online")] public int NodesOnline { get; init; }
    [JsonPropertyName("nodes_total")] public int NodesTotal { get; init; }
    [JsonPropertyName("nodes")] public required IReadOnlyList<ClusterNodeState> Nodes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(ClusterName is null ? "Standalone node (no cluster)" : $"Cluster '{ClusterName}'")
            .Append(Quorate switch { true => ", quorate", false => ", NOT QUORATE (writes are blocked)", _ => "" })
            .Append($", {NodesOnline}/{NodesTotal} nodes online.");
        foreach (var node in Nodes)
        {
            sb.Append($"\n{node.Name}: {(node.Online ? "online" : "OFFLINE")}{(node.Ip is null ? "" : $" {node.Ip}")}{(node.Local ? " (the node this server talks to)" : "")}");
        }

        return sb.ToString();
    }
}

public sealed record ClusterResourceItem
{
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("maxcpu")] public double? MaxCpu { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("disk")] public long? Disk { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("pool")] public string? Pool { get; init; }
    [JsonPropertyName("lock")] public string? Lock { get; init; }
    [JsonPropertyName("storage")] public string? Storage { get; init; }
    [JsonPropertyName("content")] public string? Content { get; init; }

    /// <summary>
    /// The table columns (rarely set ones last). "name" is the guest name, or the storage, pool or SDN id; "id" is
    /// left out: it is type/vmid, node/NAME, storage/NODE/NAME or pool/NAME.
    /// </summary>
    public static ListTable<ClusterResourceItem> Table { get; } = new(
    [
        new("type", r => Cell.Of(r.Type)),
        new("node", r => Cell.Of(r.Node)),
        new("vmid", r => Cell.Of(r.VmId)),
        new("name", r => Cell.Of(r.Type == "node" ? null : r.Name ?? r.Storage ?? r.Id[(r.Id.LastIndexOf('/') + 1)..])),
        new("status", r => Cell.Of(r.Status)),
        new("cpu", r => Cell.Percent(r.Cpu), Header: "cpu%"),
        new("maxcpu", r => Cell.Of(r.MaxCpu)),
        new("mem", r => Cell.Mib(r.Mem), Header: "mem(MiB)"),
        new("maxmem", r => Cell.Mib(r.MaxMem), Header: "maxmem(MiB)"),
        new("disk", r => Cell.Gib(r.Disk), Header: "disk(GiB)"),
        new("maxdisk", r => Cell.Gib(r.MaxDisk), Header: "maxdisk(GiB)"),
        new("uptime", r => Cell.Of(r.Uptime), r => Format.Duration(r.Uptime), "uptime(s)"),
        new("tags", r => Cell.Of(r.Tags)),
        new("pool", r => Cell.Of(r.Pool)),
        new("content", r => Cell.Of(r.Content)),
        new("lock", r => Cell.Of(r.Lock)),
        new("template", r => Cell.True(r.Template), r => r.Template == true ? "yes" : null),
    ]);
}

public sealed record ClusterResourcesOutput : IToolOutput
{
    /// <summary>The names of the cells of each row.</summary>
    [JsonPropertyName(ListTableProperties.Columns)] public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>One array of cells per resource, in column order; cells after the last one given are null.</summary>
    [JsonPropertyName(ListTableProperties.Rows)] public required IReadOnlyList<JsonArray> Rows { get; init; }

    /// <summary>True when this page's rows are in the text content only (for clients whose model reads the text; PROXMOX_MCP_LIST_ROWS).</summary>
    [JsonPropertyName(ListRendering.RowsInTextProperty)] public bool? RowsInText { get; init; }

    /// <summary>The units of the numeric columns (cpu in percent, sizes in MiB or GiB, uptime in seconds).</summary>
    [JsonPropertyName("units")] public IReadOnlyDictionary<string, string>? Units { get; init; }

    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    /// <summary>The text table: a header line and one line per row.</summary>
    [JsonIgnore] public string Table { get; init; } = "";

    public string ToText() => Page.Summary("resources") + (Rows.Count > 0 ? "\n" + Table : "");
}

/// <summary>One served cluster as list_clusters reports it (no credentials).</summary>
public sealed record ServedCluster
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("default")] public bool Default { get; init; }
    [JsonPropertyName("read_only")] public bool ReadOnly { get; init; }
    [JsonPropertyName("simulated")] public bool? Simulated { get; init; }
    [JsonPropertyName("addresses")] public required IReadOnlyList<string> Addresses { get; init; }
    [JsonPropertyName("reachable")] public bool Reachable { get; init; }
    [JsonPropertyName("pve_version")] public string? PveVersion { get; init; }
    [JsonPropertyName("nodes")] public int? Nodes { get; init; }
    [JsonPropertyName("nodes_online")] public int? NodesOnline { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }

    public string ToLine() =>
        $"{Name}{(Default ? " (default)" : "")}{(ReadOnly ? " read-only" : "")}{(Simulated == true ? " SIMULATED" : "")} at {string.Join(", ", Addresses)}: " +
        (Reachable ? $"reachable, PVE {PveVersion ?? "?"}, {NodesOnline}/{Nodes} nodes online" : $"UNREACHABLE: {Error}");
}

public sealed record ClusterListOutput : IToolOutput
{
    [JsonPropertyName("clusters")] public required IReadOnlyList<ServedCluster> Clusters { get; init; }

    public string ToText() =>
        $"{Clusters.Count} clusters, {Clusters.Count(c => c.Reachable)} reachable.\n" + string.Join('\n', Clusters.Select(c => c.ToLine()));
}
