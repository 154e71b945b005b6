using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using ProxmoxMcp.Server.Tools.Infrastructure;

namespace ProxmoxMcp.Server.Tools.Agent;

public sealed record GuestInterfaceItem
{
    [JsonPropertyName("name")] public required string Name { get; init; }
    [JsonPropertyName("mac")] public string? Mac { get; init; }

    /// <summary>Addresses with prefix, e.g. 10.0.0.5/24.</summary>
    [JsonPropertyName("ipv4")] public required IReadOnlyList<string> Ipv4 { get; init; }
    [JsonPropertyName("ipv6")] public required IReadOnlyList<string> Ipv6 { get; init; }
}

public sealed record GuestNetworkOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }

    /// <summary>qemu (read through the guest agent) or lxc (read by the host).</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>The first non-loopback IPv4 address, without prefix: the one to connect to.</summary>
    [JsonPropertyName("primary_ipv4")] public string? PrimaryIpv4 { get; init; }
    [JsonPropertyName("interfaces")] public required IReadOnlyList<GuestInterfaceItem> Interfaces { get; init; }
    [JsonPropertyName("notes")] public IReadOnlyList<string>? Notes { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"{Guest}: ");
        sb.Append(PrimaryIpv4 is null ? "no IPv4 address outside loopback." : $"IPv4 {PrimaryIpv4}.");
        foreach (var i in Interfaces.Where(i => i.Name != "lo"))
        {
            sb.Append('\n').Append(i.Name).Append("  ").Append(i.Mac ?? "-").Append("  ")
                .Append(string.Join(", ", i.Ipv4.Concat(i.Ipv6).DefaultIfEmpty("no address")));
        }

        foreach (var note in Notes ?? [])
        {
            sb.Append('\n').Append(note);
        }

        return sb.ToString();
    }
}

public sealed record GuestOsOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("node")] public required string Node { get; init; }
    [JsonPropertyName("hostname")] public string? Hostname { get; init; }
    [JsonPropertyName("os")] public string? Os { get; init; }
    [JsonPropertyName("os_id")] public string? OsId { get; init; }
    [JsonPropertyName("version")] public string? Version { get; init; }
    [JsonPropertyName("kernel")] public string? Kernel { get; init; }
    [JsonPropertyName("machine")] public string? Machine { get; init; }

    public string ToText() =>
        $"{Guest}: {Os ?? OsId ?? "unknown OS"}, kernel {Kernel ?? "?"} ({Machine ?? "?"}), hostname {Hostname ?? "?"}.";
}

public sealed record GuestExecOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("command")] public required IReadOnlyList<string> Command { get; init; }
    [JsonPropertyName("pid")] public required long Pid { get; init; }

    /// <summary>False when the timeout passed first: the command keeps running in the guest.</summary>
    [JsonPropertyName("exited")] public required bool Exited { get; init; }
    [JsonPropertyName("exit_code")] public int? ExitCode { get; init; }
    [JsonPropertyName("signal")] public int? Signal { get; init; }
    [JsonPropertyName("stdout")] public string? Stdout { get; init; }
    [JsonPropertyName("stderr")] public string? Stderr { get; init; }

    /// <summary>Output was cut (by this server's limit or by the agent's).</summary>
    [JsonPropertyName("truncated")] public bool? Truncated { get; init; }
    [JsonPropertyName("elapsed_seconds")] public required double ElapsedSeconds { get; init; }

    public string ToText()
    {
        var sb = new StringBuilder($"{Guest}: `{string.Join(' ', Command)}` ");
        sb.Append(!Exited
            ? $"still running after {ElapsedSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s (pid {Pid} in the guest); it was not stopped."
            : Signal is { } sig ? $"killed by signal {sig}." : $"exited with code {ExitCode}.");
        if (!string.IsNullOrEmpty(Stdout))
        {
            sb.Append("\nstdout:\n").Append(Stdout.TrimEnd('\n'));
        }

        if (!string.IsNullOrEmpty(Stderr))
        {
            sb.Append("\nstderr:\n").Append(Stderr.TrimEnd('\n'));
        }

        if (Truncated == true)
        {
            sb.Append("\n(output truncated)");
        }

        return sb.ToString();
    }
}

public sealed record GuestFileOutput : IToolOutput
{
    [JsonPropertyName("guest")] public required string Guest { get; init; }
    [JsonPropertyName("vmid")] public required int VmId { get; init; }
    [JsonPropertyName("path")] public required string Path { get; init; }
    [JsonPropertyName("content")] public required string Content { get; init; }

    /// <summary>The file is longer than what was read.</summary>
    [JsonPropertyName("truncated")] public required bool Truncated { get; init; }

    public string ToText() =>
        $"{Guest}: {Path} ({Encoding.UTF8.GetByteCount(Content)} bytes{(Truncated ? ", truncated: the file is longer; raise max_bytes" : "")}):\n{Content}";
}
