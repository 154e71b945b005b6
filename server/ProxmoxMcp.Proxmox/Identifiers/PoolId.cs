using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>
/// A resource pool id (PVE format <c>pve-poolid</c>); nested pools use '/' (<c>prod/web</c>), so pool ids travel
/// as query parameters, never as path segments.
/// </summary>
public readonly partial record struct PoolId
{
    private PoolId(string value) => Value = value;

    public string Value { get; }

    /// <summary>The value to send; refuses a default (never parsed) instance.</summary>
    internal string Wire => Value ?? throw IdentifierText.Unset("poolid", "PoolId.Parse");

    public static PoolId Parse(string? value, string parameterName = "poolid")
    {
        if (value is null || value.Length is 0 or > 100 || !Pattern().IsMatch(value) || value.EndsWith('/') || value.Contains("//", StringComparison.Ordinal))
        {
            throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(value)} is not a valid pool id: letters, digits, '-' and '_', " +
                "with '/' between the levels of a nested pool (e.g. 'production' or 'production/web').");
        }

        return new PoolId(value);
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_/-]*\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
