using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Network;

public sealed record InterfaceItem
{
    [JsonPropertyName("iface")] public required string Iface { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("active")] public bool? Active { get; init; }
    [JsonPropertyName("cidr")] public string? Cidr { get; init; }
    [JsonPropertyName("gateway")] public string? Gateway { get; init; }
    [JsonPropertyName("ports")] public string? Ports { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    public string ToLine() =>
        $"{Iface} {Type}{(Active == true ? "" : " (inactive)")}" +
        (Cidr is null ? "" : $" {Cidr}") + (Gateway is null ? "" : $" gw {Gateway}") + (Ports is null ? "" : $" ports {Ports}") +
        (Comment is null ? "" : $" # {Comment}");
}

public sealed record NodeNetworkOutput : IToolOutput
{
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("interfaces")] public required IReadOnlyList<InterfaceItem> Interfaces { get; init; }

    public string ToText() =>
        $"{Node}: {Interfaces.Count} interfaces." + string.Concat(Interfaces.Select(i => "\n" + i.ToLine()));
}

public sealed record RuleItem
{
    [JsonPropertyName("pos")] public required int Pos { get; init; }
    [JsonPropertyName("rule")] public required string Rule { get; init; }
    [JsonPropertyName("enabled")] public required bool Enabled { get; init; }
}

public sealed record FirewallRulesOutput : IToolOutput
{
    /// <summary>cluster, node pve1, or the guest.</summary>
    [JsonPropertyName("scope")] public required string Scope { get; init; }
    [JsonPropertyName("enabled")] public required bool Enabled { get; init; }
    [JsonPropertyName("policy_in")] public string? PolicyIn { get; init; }
    [JsonPropertyName("policy_out")] public string? PolicyOut { get; init; }
    [JsonPropertyName("rules")] public required IReadOnlyList<RuleItem> Rules { get; init; }

    /// <summary>Security groups defined at cluster level (cluster scope only).</summary>
    [JsonPropertyName("groups")] public IReadOnlyList<string>? Groups { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Firewall of {Scope}: {(Enabled ? "enabled" : "DISABLED (rules not applied)")}");
        if (PolicyIn is not null || PolicyOut is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $"; policy in {PolicyIn ?? "default"}, out {PolicyOut ?? "default"}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"; {Rules.Count} rules.");
        foreach (var rule in Rules)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n{rule.Pos}: {rule.Rule}{(rule.Enabled ? "" : " (disabled)")}");
        }

        if (Groups is { Count: > 0 })
        {
            sb.Append("\nSecurity groups: ").Append(string.Join(", ", Groups));
        }

        return sb.ToString();
    }
}

public sealed record SdnOutput : IToolOutput
{
    [JsonPropertyName("zones")] public required IReadOnlyList<string> Zones { get; init; }
    [JsonPropertyName("vnets")] public required IReadOnlyList<string> Vnets { get; init; }

    public string ToText() =>
        Zones.Count == 0 && Vnets.Count == 0
            ? "No SDN zones or vnets are configured."
            : $"SDN: {Zones.Count} zones, {Vnets.Count} vnets." + string.Concat(Zones.Select(z => "\nzone " + z)) + string.Concat(Vnets.Select(v => "\nvnet " + v));
}
