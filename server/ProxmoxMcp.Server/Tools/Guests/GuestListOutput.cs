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

    public string ToText() => Page.Summary(Kind) + (Guests.Count > 0 ? "\n" + string.Join('\n', Guests.Select(g => g.ToLine())) : "");
}
