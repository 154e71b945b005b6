using System.Globalization;
using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>Disk sizes as users write them ("32", "32G", "32GiB", "512M") and as PVE wants them.</summary>
public static partial class DiskSize
{
    /// <summary>
    /// A size for a new disk, in whole GiB: PVE allocates <c>STORAGE:32</c> as 32 GiB (the original server sent
    /// <c>32G</c>, which PVE refuses). Accepts a bare number (GiB) or a number with G/GB/GiB or T/TB/TiB.
    /// </summary>
    public static int ParseGib(string? text, string parameterName = "disk_size")
    {
        var match = text is null ? Match.Empty : NewSize().Match(text.Trim());
        if (!match.Success)
        {
            throw new ProxmoxArgumentException(parameterName, $"{parameterName} {IdentifierText.Quote(text)} is not a disk size: use GiB, e.g. '32' or '32G' (or '1T').");
        }

        var number = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        var gib = match.Groups["unit"].Value.StartsWith('T') ? number * 1024 : number;
        return gib is >= 1 and <= 131072
            ? (int)gib
            : throw new ProxmoxArgumentException(parameterName, $"{parameterName} {IdentifierText.Quote(text)} is out of range: 1 GiB to 128 TiB.");
    }

    /// <summary>A resize argument: "+10G" grows by 10 GiB, "50G" sets the size to 50 GiB (PVE never shrinks).</summary>
    public static string RequireResize(string? text, string parameterName = "size")
    {
        var trimmed = text?.Trim();
        if (trimmed is null || !Resize().IsMatch(trimmed))
        {
            throw new ProxmoxArgumentException(parameterName, $"{parameterName} {IdentifierText.Quote(text)} is not a size: use '+10G' to grow by 10 GiB or '50G' for a total of 50 GiB (units K, M, G, T).");
        }

        return trimmed.EndsWith("iB", StringComparison.Ordinal) ? trimmed[..^2] : trimmed;
    }

    [GeneratedRegex("^(?<n>[0-9]{1,7})\\s*(?<unit>G|GB|GiB|T|TB|TiB)?\\z", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NewSize();

    [GeneratedRegex("^\\+?[0-9]{1,9}(\\.[0-9]{1,3})?[KMGT](iB)?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Resize();
}
