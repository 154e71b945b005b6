using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>One guest in a list: what /cluster/resources knows, no per-guest request.</summary>
public sealed record GuestListItem
{
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }
    [JsonPropertyName("cpu")] public double? Cpu { get; init; }
    [JsonPropertyName("cpus")] public double? Cpus { get; init; }
    [JsonPropertyName("mem")] public long? Mem { get; init; }
    [JsonPropertyName("maxmem")] public long? MaxMem { get; init; }
    [JsonPropertyName("maxdisk")] public long? MaxDisk { get; init; }
    [JsonPropertyName("uptime")] public long? Uptime { get; init; }
    [JsonPropertyName("tags")] public string? Tags { get; init; }
    [JsonPropertyName("pool")] public string? Pool { get; init; }
    [JsonPropertyName("lock")] public string? Lock { get; init; }
    [JsonPropertyName("ha_state")] public string? HaState { get; init; }

    /// <summary>The fields get_vms and get_containers sort by and project to.</summary>
    public static ListShape<GuestListItem> Shape { get; } = new(new Dictionary<string, Func<GuestListItem, IComparable?>>(StringComparer.Ordinal)
    {
        ["vmid"] = g => g.VmId,
        ["name"] = g => g.Name,
        ["node"] = g => g.Node,
        ["status"] = g => g.Status,
        ["cpu"] = g => g.Cpu,
        ["cpus"] = g => g.Cpus,
        ["mem"] = g => g.Mem,
        ["maxmem"] = g => g.MaxMem,
        ["maxdisk"] = g => g.MaxDisk,
        ["uptime"] = g => g.Uptime,
        ["tags"] = g => g.Tags,
        ["pool"] = g => g.Pool,
        ["lock"] = g => g.Lock,
        ["ha_state"] = g => g.HaState,
        ["template"] = g => g.Template,
    });

    /// <summary>
    /// The table columns, in the order of the full rendering (rarely set ones last, so most rows end early).
    /// Sizes in MiB/GiB and CPU in percent keep a 500-row page small; the units are in <see cref="GuestListOutput.Units"/>.
    /// </summary>
    public static ListTable<GuestListItem> Table { get; } = new(
    [
        new("vmid", g => Cell.Of(g.VmId)),
        new("name", g => Cell.Of(g.Name)),
        new("node", g => Cell.Of(g.Node)),
        new("status", g => Cell.Of(g.Status)),
        new("cpu", g => Cell.Percent(g.Cpu), Header: "cpu%"),
        new("cpus", g => Cell.Of(g.Cpus)),
        new("mem", g => Cell.Mib(g.Mem), Header: "mem(MiB)"),
        new("maxmem", g => Cell.Mib(g.MaxMem), Header: "maxmem(MiB)"),
        new("maxdisk", g => Cell.Gib(g.MaxDisk), Header: "maxdisk(GiB)"),
        new("uptime", g => Cell.Of(g.Uptime), g => Format.Duration(g.Uptime), "uptime(s)"),
        new("tags", g => Cell.Of(g.Tags)),
        new("pool", g => Cell.Of(g.Pool)),
        new("ha_state", g => Cell.Of(g.HaState)),
        new("lock", g => Cell.Of(g.Lock)),
        new("template", g => Cell.True(g.Template), g => g.Template == true ? "yes" : null),
    ]);
}

public sealed record GuestListOutput : IToolOutput
{
    /// <summary>"VMs" or "containers".</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }

    /// <summary>The names of the cells of each row.</summary>
    [JsonPropertyName(ListTableProperties.Columns)] public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>One array of cells per guest, in column order; cells after the last one given are null.</summary>
    [JsonPropertyName(ListTableProperties.Rows)] public required IReadOnlyList<JsonArray> Rows { get; init; }

    /// <summary>True when this page's rows are in the text content only (for clients whose model reads the text; PROXMOX_MCP_LIST_ROWS).</summary>
    [JsonPropertyName(ListRendering.RowsInTextProperty)] public bool? RowsInText { get; init; }

    /// <summary>The units of the numeric columns (cpu in percent, sizes in MiB or GiB, uptime in seconds).</summary>
    [JsonPropertyName("units")] public IReadOnlyDictionary<string, string>? Units { get; init; }

    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    /// <summary>Of all guests that matched (not just this page): how many run.</summary>
    [JsonPropertyName("running")] public int Running { get; init; }

    /// <summary>The sort asked for, e.g. "-mem"; null for the default order (vmid).</summary>
    [JsonPropertyName("sort")] public string? Sort { get; init; }

    /// <summary>The text table: a header line and one line per row.</summary>
    [JsonIgnore] public string Table { get; init; } = "";

    public string ToText()
    {
        var counts = Page.Total == 0 ? "" : $" ({Running} running, {Page.Total - Running} not)";
        var head = Page.Summary(Kind).TrimEnd('.') + counts + (Sort is null ? "" : $", sorted by {Sort}") + ".";
        return Rows.Count > 0 ? head + "\n" + Table : head;
    }
}
