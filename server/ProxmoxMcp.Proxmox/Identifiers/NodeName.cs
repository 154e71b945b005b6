using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>A cluster node name (PVE format <c>pve-node</c>: a hostname label).</summary>
public readonly partial record struct NodeName : IPathSegment
{
    private NodeName(string value) => Value = value;

    public string Value { get; }

    string IPathSegment.Segment => Wire;

    /// <summary>The value to send; refuses a default (never parsed) instance.</summary>
    internal string Wire => Value ?? throw IdentifierText.Unset("node", "NodeName.Parse");

    public static NodeName Parse(string? value, string parameterName = "node") =>
        TryParse(value, out var node)
            ? node
            : throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} {IdentifierText.Quote(value)} is not a valid node name: use the node's hostname " +
                "(letters, digits and '-', e.g. 'pve1'); get_nodes lists them.");

    public static bool TryParse(string? value, out NodeName node)
    {
        node = default;
        if (value is null || value.Length is 0 or > 63 || !Pattern().IsMatch(value))
        {
            return false;
        }

        node = new NodeName(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
