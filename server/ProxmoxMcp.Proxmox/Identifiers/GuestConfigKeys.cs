using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>Configuration key names (<c>cores</c>, <c>net0</c>, <c>scsi1</c>, ...): lower-case identifiers as PVE defines them.</summary>
public static partial class GuestConfigKeys
{
    public static string Require(string? key, string parameterName) =>
        key is { Length: <= 40 } && Pattern().IsMatch(key)
            ? key
            : throw new ProxmoxArgumentException(parameterName, $"{parameterName} {IdentifierText.Quote(key)} is not a configuration key (e.g. 'cores', 'net0', 'scsi0').");

    [GeneratedRegex("^[a-z][a-z0-9_-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
