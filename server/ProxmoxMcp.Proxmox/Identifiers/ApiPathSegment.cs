using System.Text.RegularExpressions;

namespace ProxmoxMcp.Proxmox;

/// <summary>
/// One segment of an API path given by a caller of the generic API (a literal of a route template or a value for one
/// of its placeholders). Only characters PVE identifiers use are accepted: no '/', '%', '\', '?', '#', whitespace or
/// control characters, and never '.' or '..', so a segment cannot change which resource a path names.
/// </summary>
public readonly partial record struct ApiPathSegment : IPathSegment
{
    private ApiPathSegment(string value) => Value = value;

    public string Value { get; }

    string IPathSegment.Segment => Value ?? throw IdentifierText.Unset("path segment", "ApiPathSegment.Parse");

    public static ApiPathSegment Parse(string? value, string parameterName = "path") =>
        TryParse(value, out var segment)
            ? segment
            : throw new ProxmoxArgumentException(
                parameterName,
                $"{parameterName} segment {IdentifierText.Quote(value)} is not allowed: use letters, digits and - _ . : @ ! + = , only " +
                "(no '/', '%', '..', spaces or control characters).");

    public static bool TryParse(string? value, out ApiPathSegment segment)
    {
        segment = default;
        if (value is null || value.Length is 0 or > 256 || value is "." or ".." || !Allowed().IsMatch(value))
        {
            return false;
        }

        segment = new ApiPathSegment(value);
        return true;
    }

    public override string ToString() => Value;

    [GeneratedRegex("^[A-Za-z0-9_.:@!+=,-]+\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Allowed();
}
