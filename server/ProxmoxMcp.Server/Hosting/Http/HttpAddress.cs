using System.Globalization;
using System.Net;

namespace ProxmoxMcp.Server.Hosting.Http;

/// <summary>
/// Where <c>serve --http</c> listens: <c>IP:PORT</c>, <c>[IPv6]:PORT</c>, <c>localhost:PORT</c> or <c>*:PORT</c>
/// (every interface), optionally written as an http:// or https:// URL. Only a loopback address may go without TLS.
/// </summary>
public sealed record HttpAddress(IPAddress? Ip, int Port, bool IsLocalhost)
{
    /// <summary>True when only this machine can connect (127.0.0.0/8, ::1, localhost).</summary>
    public bool IsLoopback => IsLocalhost || (Ip is not null && IPAddress.IsLoopback(Ip));

    public static HttpAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        foreach (var scheme in (string[])["http://", "https://"])
        {
            if (rest.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                rest = rest[scheme.Length..].TrimEnd('/');
            }
        }

        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || colon == rest.Length - 1 || rest.EndsWith(']'))
        {
            throw new FormatException($"'{text}' is not an address to listen on: use HOST:PORT, e.g. 127.0.0.1:8080, [::1]:8080 or 0.0.0.0:8443.");
        }

        if (!int.TryParse(rest[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new FormatException($"'{text}': the port must be a number from 0 (any free port) to 65535.");
        }

        var host = rest[..colon].Trim('[', ']');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpAddress(null, port, true);
        }

        if (host is "*" or "+")
        {
            return new HttpAddress(IPAddress.IPv6Any, port, false);
        }

        return IPAddress.TryParse(host, out var ip)
            ? new HttpAddress(ip, port, false)
            : throw new FormatException($"'{text}': listen on an IP address (or localhost, or * for every interface), not the name '{host}'.");
    }

    public override string ToString() =>
        IsLocalhost ? $"localhost:{Port}" : Ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Ip}]:{Port}" : $"{Ip}:{Port}";
}
