using System.Text;
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

    /// <summary>Only the fields asked for (vmid and node always stay: the output schema requires them).</summary>
    public GuestListItem Project(IReadOnlySet<string> fields) => new()
    {
        VmId = VmId,
        Node = Node,
        Name = fields.Contains("name") ? Name : null,
        Status = fields.Contains("status") ? Status : null,
        Template = fields.Contains("template") ? Template : null,
        Cpu = fields.Contains("cpu") ? Cpu : null,
        Cpus = fields.Contains("cpus") ? Cpus : null,
        Mem = fields.Contains("mem") ? Mem : null,
        MaxMem = fields.Contains("maxmem") ? MaxMem : null,
        MaxDisk = fields.Contains("maxdisk") ? MaxDisk : null,
        Uptime = fields.Contains("uptime") ? Uptime : null,
        Tags = fields.Contains("tags") ? Tags : null,
        Pool = fields.Contains("pool") ? Pool : null,
        Lock = fields.Contains("lock") ? Lock : null,
        HaState = fields.Contains("ha_state") ? HaState : null,
    };

    /// <summary>"100 name=web-01 mem=1.2 GiB": the projected fields only, in the order asked.</summary>
    public string ToLine(IReadOnlyList<string> fields)
    {
        var sb = new StringBuilder().Append(VmId);
        foreach (var field in fields.Where(f => f != "vmid"))
        {
            var value = field switch
            {
                "name" => Name,
                "node" => Node,
                "status" => Status,
                "cpu" => Format.Percent(Cpu),
                "cpus" => Cpus?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "mem" => Format.Bytes(Mem),
                "maxmem" => Format.Bytes(MaxMem),
                "maxdisk" => Format.Bytes(MaxDisk),
                "uptime" => Format.Duration(Uptime),
                "tags" => Tags,
                "pool" => Pool,
                "lock" => Lock,
                "ha_state" => HaState,
                "template" => Template == true ? "yes" : "no",
                _ => null,
            };
            sb.Append(' ').Append(field).Append('=').Append(value ?? "-");
        }

        return sb.ToString();
    }

    /// <summary>"100 web-01 running on pve1, 4 cpu 12%, mem 1.2 GiB/4 GiB, up 3d4h, tags prod;web"</summary>
    public string ToLine()
    {
        var sb = new StringBuilder().Append(VmId).Append(' ').Append(Name ?? "-").Append(' ')
            .Append(Template == true ? "template" : Status ?? "?").Append(" on ").Append(Node);
        if (Template != true)
        {
            sb.Append(", ").Append(Cpus).Append(" cpu");
            if (Status == "running")
            {
                sb.Append(' ').Append(Format.Percent(Cpu)).Append(", mem ").Append(Format.Bytes(Mem)).Append('/').Append(Format.Bytes(MaxMem))
                    .Append(", up ").Append(Format.Duration(Uptime));
            }
            else
            {
                sb.Append(", mem ").Append(Format.Bytes(MaxMem));
            }
        }

        sb.Append(", disk ").Append(Format.Bytes(MaxDisk));
        if (!string.IsNullOrEmpty(Tags))
        {
            sb.Append(", tags ").Append(Tags);
        }

        if (Pool is not null)
        {
            sb.Append(", pool ").Append(Pool);
        }

        if (HaState is not null)
        {
            sb.Append(", HA ").Append(HaState);
        }

        if (Lock is not null)
        {
            sb.Append(", LOCKED (").Append(Lock).Append(')');
        }

        return sb.ToString();
    }
}

public sealed record GuestListOutput : IToolOutput
{
    /// <summary>"VMs" or "containers".</summary>
    [JsonPropertyName("kind")] public required string Kind { get; init; }
    [JsonPropertyName("guests")] public required IReadOnlyList<GuestListItem> Guests { get; init; }
    [JsonPropertyName("page")] public required PageInfo Page { get; init; }

    /// <summary>Of all guests that matched (not just this page): how many run.</summary>
    [JsonPropertyName("running")] public int Running { get; init; }

    /// <summary>The sort asked for, e.g. "-mem"; null for the default order (vmid).</summary>
    [JsonPropertyName("sort")] public string? Sort { get; init; }

    /// <summary>The projected fields in the order asked; null for full rows.</summary>
    [JsonPropertyName("fields")] public IReadOnlyList<string>? Fields { get; init; }

    public string ToText()
    {
        var counts = Page.Total == 0 ? "" : $" ({Running} running, {Page.Total - Running} not)";
        var head = Page.Summary(Kind).TrimEnd('.') + counts + (Sort is null ? "" : $", sorted by {Sort}") + ".";
        var lines = Guests.Select(g => Fields is null ? g.ToLine() : g.ToLine(Fields));
        return Guests.Count > 0 ? head + "\n" + string.Join('\n', lines) : head;
    }
}
