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
}
