using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ProxmoxMcp.Proxmox;

/// <summary>SHA-256 certificate fingerprints in the form the Proxmox GUI shows: 32 upper-case hex pairs joined by ':'.</summary>
public static class CertificateFingerprint
{
    public static string Of(X509Certificate2 certificate) => Format(SHA256.HashData(certificate.RawData));

    public static string Format(ReadOnlySpan<byte> hash) => string.Join(':', hash.ToArray().Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>Accepts 64 hex digits with or without ':' separators, in any case.</summary>
    public static bool TryNormalize(string? text, out string normalized)
    {
        normalized = "";
        var hex = (text ?? "").Replace(":", "", StringComparison.Ordinal).Trim();
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        normalized = Format(Convert.FromHexString(hex));
        return true;
    }

    /// <summary>One or more fingerprints separated by ',' (one per node: each node of a cluster has its own certificate).</summary>
    public static bool TryNormalizeList(string? text, out IReadOnlySet<string> normalized)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        normalized = set;
        var items = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var item in items)
        {
            if (!TryNormalize(item, out var one))
            {
                return false;
            }

            set.Add(one);
        }

        return set.Count > 0;
    }
}
