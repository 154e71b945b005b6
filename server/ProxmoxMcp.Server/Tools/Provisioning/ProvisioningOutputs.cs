using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Provisioning;

/// <summary>What provision_vm / provision_container did: the steps done, and on failure the step that failed.</summary>
public sealed record ProvisionOutput : IToolOutput
{
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }

    /// <summary>ok, or failed (see failed_step and error).</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>The address to connect to (first non-loopback IPv4).</summary>
    [JsonPropertyName("ip")] public string? Ip { get; init; }
    [JsonPropertyName("addresses")] public IReadOnlyList<string>? Addresses { get; init; }

    /// <summary>Steps done, in order.</summary>
    [JsonPropertyName("done")] public required IReadOnlyList<string> Done { get; init; }
    [JsonPropertyName("failed_step")] public string? FailedStep { get; init; }
    [JsonPropertyName("error")] public string? Error { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var noun = Type == "lxc" ? "Container" : "VM";
        var sb = new StringBuilder();
        if (Status == "ok")
        {
            sb.Append($"{noun} {VmId}{(Name is null ? "" : $" '{Name}'")} on {Node} is ready");
            sb.Append(Ip is null ? "." : $": IP {Ip}.");
            sb.Append(" Done: ").Append(string.Join("; ", Done)).Append('.');
        }
        else
        {
            sb.Append(Done.Count == 0 ? "Nothing was changed" : $"{noun} {VmId}: {string.Join("; ", Done)}");
            sb.Append($"; {FailedStep} failed: {Error}");
        }

        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        return sb.ToString();
    }
}

public sealed record CloudInitOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public required int VmId { get; init; }

    /// <summary>Keys set (sshkeys shown as the number of keys).</summary>
    [JsonPropertyName("changed")] public required IReadOnlyList<string> Changed { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText() =>
        $"{Guest}: cloud-init {string.Join(", ", Changed)} set." + (Notes is { Count: > 0 } ? "\n" + string.Join('\n', Notes) : "");
}
