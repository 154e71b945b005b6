using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace ProxmoxMcp.Server.Tools.Guests;

/// <summary>
/// Checks of the plain-text arguments that end up inside Proxmox property strings (<c>net0=virtio,bridge=X</c>) or
/// that Proxmox validates by format: refused here with the argument's name, so a ',' cannot add properties.
/// </summary>
public static partial class GuestArguments
{
    public static readonly IReadOnlyList<string> VmOsTypes = ["l26", "l24", "win11", "win10", "win8", "win7", "wvista", "w2k8", "w2k3", "w2k", "wxp", "solaris", "other"];

    /// <summary>A VM name or container hostname (PVE format dns-name).</summary>
    public static string? DnsName(string? value, string argument)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length is > 0 and <= 253 && DnsNamePattern().IsMatch(trimmed)
            ? trimmed
            : throw new McpException($"'{argument}' {Quote(value)} is not a valid name: use letters, digits and '-', with '.' between labels (e.g. 'web-01' or 'web-01.lan').");
    }

    /// <summary>Tags joined with ';' as PVE stores them; accepts ';', ',' or spaces between tags.</summary>
    public static string? Tags(string? value, string argument)
    {
        if (value is null)
        {
            return null;
        }

        var tags = Infrastructure.Tags.Split(value);
        var bad = tags.FirstOrDefault(t => !TagPattern().IsMatch(t));
        if (tags.Count == 0 || bad is not null)
        {
            throw new McpException($"'{argument}' {Quote(bad ?? value)} is not a valid tag: tags start with a letter, digit or '_' and have letters, digits, '-', '_', '+' or '.'.");
        }

        return string.Join(';', tags.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A Linux bridge or SDN vnet name (e.g. vmbr0).</summary>
    public static string? Bridge(string? value, string argument = "bridge") =>
        value is null ? null
        : BridgePattern().IsMatch(value.Trim()) ? value.Trim()
        : throw new McpException($"'{argument}' {Quote(value)} is not a bridge name: letters, digits, '-', '_' or '.', up to 15 characters (e.g. 'vmbr0').");

    /// <summary>A CPU model such as host, kvm64 or x86-64-v2-AES (flags are not accepted).</summary>
    public static string? CpuType(string? value, string argument = "cpu") =>
        value is null ? null
        : CpuPattern().IsMatch(value.Trim()) ? value.Trim()
        : throw new McpException($"'{argument}' {Quote(value)} is not a CPU type: give the model name only, e.g. 'host', 'x86-64-v2-AES' or 'kvm64'.");

    public static string? OsType(string? value, IReadOnlyList<string> allowed, string argument = "ostype") =>
        value is null ? null
        : allowed.Contains(value.Trim(), StringComparer.Ordinal) ? value.Trim()
        : throw new McpException($"'{argument}' {Quote(value)} is not one of: {string.Join(", ", allowed)}.");

    /// <summary>"dhcp", "manual" or an IPv4 address with prefix length (192.168.1.50/24).</summary>
    public static string? ContainerIp(string? value, string argument = "ip")
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        if (text is "dhcp" or "manual")
        {
            return text;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && IPAddress.TryParse(text[..slash], out var address) && address.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix is >= 1 and <= 32
            && text[..slash] == address.ToString()
                ? text
                : throw new McpException($"'{argument}' {Quote(value)} is not valid: use 'dhcp' or an IPv4 address with its prefix length, e.g. '192.168.1.50/24'.");
    }

    public static string? Ipv4(string? value, string argument) =>
        value is null ? null
        : IPAddress.TryParse(value.Trim(), out var address) && address.AddressFamily == AddressFamily.InterNetwork && value.Trim() == address.ToString() ? value.Trim()
        : throw new McpException($"'{argument}' {Quote(value)} is not an IPv4 address (e.g. '192.168.1.1').");

    /// <summary>OpenSSH public keys, one per line.</summary>
    public static string? SshPublicKeys(string? value, string argument)
    {
        if (value is null)
        {
            return null;
        }

        var keys = value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var bad = keys.FirstOrDefault(k => !SshKeyPattern().IsMatch(k));
        return keys.Length > 0 && bad is null
            ? string.Join('\n', keys)
            : throw new McpException($"'{argument}' has a line that is not an OpenSSH public key ({Quote(bad ?? value)}): give one 'ssh-ed25519 AAAA... comment' per line.");
    }

    /// <summary>Free text PVE limits in length (a guest's description: 8192 characters).</summary>
    public static string? Text(string? value, string argument, int maxLength) =>
        value is null || value.Length <= maxLength
            ? value
            : throw new McpException($"'{argument}' is too long: at most {maxLength} characters.");

    public static int? InRange(int? value, string argument, int min, int max, string unit = "") =>
        value is not { } v || (v >= min && v <= max)
            ? value
            : throw new McpException($"'{argument}' {value} is out of range: {min} to {max}{unit}.");

    public static double? InRange(double? value, string argument, double min, double max) =>
        value is not { } v || (v >= min && v <= max)
            ? value
            : throw new McpException($"'{argument}' {value?.ToString(CultureInfo.InvariantCulture)} is out of range: {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");

    public static string Quote(string? value) =>
        value is null ? "(none)" : "'" + (value.Length > 60 ? value[..60] + "..." : value).ReplaceLineEndings(" ") + "'";

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsNamePattern();

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_+.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.-]{0,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex BridgePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex CpuPattern();

    [GeneratedRegex(@"^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/=]+( [^\r\n]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SshKeyPattern();
}
