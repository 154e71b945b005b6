using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>A snapshot name (PVE format <c>pve-configid</c>, at most 40 characters); <c>current</c> is reserved.</summary>
public readonly partial record struct SnapshotName : IPathSegment
{
    private SnapshotName(string value) => Value = value;

    public string Value { get; }

    string IPathSegment.Segment => Wire;

    /// <summary>The value to send; refuses a default (never parsed) instance.</summary>
    internal string Wire => Value ?? throw IdentifierText.Unset("snapname", "SnapshotName.Parse");

    public static SnapshotName Parse(string? value, string parameterName = "snapname")
    {
        if (value is null || value.Length is < 2 or > 40 || !Pattern().IsMatch(value))
        {
            throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(value)} is not a valid snapshot name: 2 to 40 characters, starting " +
                "with a letter, then letters, digits, '-' or '_' (e.g. 'before_upgrade').");
        }

        if (value.Equals("current", StringComparison.OrdinalIgnoreCase))
        {
            throw new ProxmoxArgumentException(parameterName, $"{parameterName} 'current' is reserved by Proxmox for the live state; choose another name.");
        }

        return new SnapshotName(value);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9_-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
