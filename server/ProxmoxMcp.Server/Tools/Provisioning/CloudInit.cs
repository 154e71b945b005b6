using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ModelContextProtocol;

namespace ProxmoxMcp.Server.Tools.Provisioning;

/// <summary>Cloud-init and network arguments, checked before anything is sent, turned into PVE config values.</summary>
public static partial class CloudInit
{
    public const string IpDescription = "dhcp, or a static IPv4 address with prefix (e.g. 10.0.0.50/24).";
    public const string SshKeysDescription = "SSH public keys, one per line (OpenSSH format).";
    private const int MaxKeysLength = 16 * 1024;

    /// <summary>"dhcp" or an IPv4 address with prefix, normalised; null when omitted.</summary>
    public static string? Ip(string? ip)
    {
        if (ip is null)
        {
            return null;
        }

        var text = ip.Trim();
        if (text.Equals("dhcp", StringComparison.OrdinalIgnoreCase))
        {
            return "dhcp";
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && IPAddress.TryParse(text[..slash], out var address) && address.AddressFamily == AddressFamily.InterNetwork && Dotted(text[..slash])
            && int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) && prefix is >= 1 and <= 32)
        {
            return $"{address}/{prefix.ToString(CultureInfo.InvariantCulture)}";
        }

        throw new McpException($"ip '{ip}' is neither dhcp nor an IPv4 address with prefix such as 10.0.0.50/24.");
    }

    public static string? Gateway(string? gateway, string? ip)
    {
        if (gateway is null)
        {
            return null;
        }

        if (ip is null or "dhcp")
        {
            throw new McpException("gateway goes with a static ip (e.g. ip=10.0.0.50/24, gateway=10.0.0.1); with DHCP the gateway comes from the DHCP server.");
        }

        var text = gateway.Trim();
        return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetwork && Dotted(text)
            ? address.ToString()
            : throw new McpException($"gateway '{gateway}' is not an IPv4 address such as 10.0.0.1.");
    }

    /// <summary>DNS servers separated by spaces or commas, joined by a space as PVE stores them.</summary>
    public static string? Nameservers(string? nameserver)
    {
        if (nameserver is null)
        {
            return null;
        }

        var parts = nameserver.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is 0 or > 3 || parts.Any(p => !IPAddress.TryParse(p, out _) || p.Any(c => !(char.IsAsciiHexDigit(c) || c is '.' or ':'))))
        {
            throw new McpException($"nameserver '{nameserver}' must be one to three IP addresses (e.g. '1.1.1.1 9.9.9.9').");
        }

        return string.Join(' ', parts);
    }

    public static string? User(string? user) =>
        user is null ? null
        : UserPattern().IsMatch(user) ? user
        : throw new McpException($"ciuser '{user}' is not a Linux user name: lower-case letters, digits, '_' or '-', starting with a letter or '_', at most 32 characters.");

    /// <summary>SSH public keys, one per line; each must look like an OpenSSH public key (no private keys, no options).</summary>
    public static string? SshKeys(string? keys)
    {
        if (keys is null)
        {
            return null;
        }

        var lines = keys.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || keys.Length > MaxKeysLength)
        {
            throw new McpException($"sshkeys must hold one to a few OpenSSH public keys, at most {MaxKeysLength} characters.");
        }

        foreach (var line in lines)
        {
            if (!SshKeyPattern().IsMatch(line))
            {
                var shown = line.Length > 40 ? line[..40] + "..." : line;
                throw new McpException($"'{shown}' is not an OpenSSH public key line (e.g. 'ssh-ed25519 AAAAC3... user@host'). Never pass a private key.");
            }
        }

        return string.Join('\n', lines);
    }

    /// <summary>PVE's ipconfig0 value: ip=dhcp or ip=ADDR/PREFIX[,gw=GW].</summary>
    public static string IpConfig(string ip, string? gateway) => gateway is null ? $"ip={ip}" : $"ip={ip},gw={gateway}";

    /// <summary>
    /// PVE stores sshkeys percent-encoded and checks the value against its "urlencoded" format ([-%a-zA-Z0-9_.!~*'()]*),
    /// so the keys are encoded once here and the form encoding then encodes the '%' again, as the GUI does.
    /// </summary>
    public static string EncodeSshKeys(string keys) => Uri.EscapeDataString(keys);

    private static bool Dotted(string text) => text.Count(c => c == '.') == 3 && text.All(c => char.IsAsciiDigit(c) || c == '.');

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPattern();

    [GeneratedRegex(@"^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com) [A-Za-z0-9+/]+={0,3}( [\x20-\x7E]{0,200})?$", RegexOptions.CultureInvariant)]
    private static partial Regex SshKeyPattern();
}
