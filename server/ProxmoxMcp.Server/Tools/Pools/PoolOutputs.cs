using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Pools;

public sealed record PoolItem
{
    [JsonPropertyName("poolid")] public required string PoolId { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    /// <summary>VMs and containers in the pool (from the cluster's resource list).</summary>
    [JsonPropertyName("guests")] public int Guests { get; init; }

    public string ToLine() => $"{PoolId}: {Guests} guest(s)" + (string.IsNullOrWhiteSpace(Comment) ? "" : $"  \"{Comment.ReplaceLineEndings(" / ").Trim()}\"");
}

public sealed record PoolListOutput : IToolOutput
{
    [JsonPropertyName("pools")] public required IReadOnlyList<PoolItem> Pools { get; init; }

    public string ToText() =>
        (Pools.Count == 0 ? "No pools. create_pool makes one." : $"{Pools.Count} pool(s). get_pool shows one pool's members.") +
        string.Concat(Pools.Select(p => "\n" + p.ToLine()));
}

public sealed record PoolMemberItem
{
    /// <summary>qemu, lxc or storage.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("id")] public required string Id { get; init; }
    [JsonPropertyName("vmid")] public long? VmId { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("node")] public string? Node { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("storage")] public string? Storage { get; init; }
    [JsonPropertyName("template")] public bool? Template { get; init; }

    public string ToLine() => Type switch
    {
        "qemu" or "lxc" => $"{(Type == "qemu" ? "VM" : "container")} {VmId} {Name ?? "-"} {(Template == true ? "template" : Status)} on {Node}",
        "storage" => $"storage {Storage} on {Node} {Status}",
        _ => $"{Type} {Id}",
    };
}

public sealed record PoolOutput : IToolOutput
{
    [JsonPropertyName("poolid")] public required string PoolId { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
    [JsonPropertyName("members")] public required IReadOnlyList<PoolMemberItem> Members { get; init; }

    public string ToText()
    {
        var guests = Members.Count(m => m.Type is "qemu" or "lxc");
        var storages = Members.Count(m => m.Type == "storage");
        var sb = new StringBuilder($"Pool {PoolId}: {guests} guest(s), {storages} storage(s)");
        sb.Append(string.IsNullOrWhiteSpace(Comment) ? "." : $". \"{Comment.ReplaceLineEndings(" / ").Trim()}\"");
        foreach (var member in Members)
        {
            sb.Append('\n').Append(member.ToLine());
        }

        return sb.ToString();
    }
}

/// <summary>What a pool change did.</summary>
public sealed record PoolChangeOutput : IToolOutput
{
    [JsonPropertyName("poolid")] public required string PoolId { get; init; }
    [JsonPropertyName("done")] public required IReadOnlyList<string> Done { get; init; }

    public string ToText() => $"Pool {PoolId}: " + string.Join("; ", Done) + ".";
}
