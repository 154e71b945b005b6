using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Proxmox;

internal static class IdentifierText
{
    /// <summary>
    /// An identifier struct that was never parsed (<c>default</c>): refused before it can reach a path or parameter.
    /// </summary>
    public static ProxmoxArgumentException Unset(string parameterName, string how) =>
        new(parameterName, $"{parameterName} is not set: an identifier must come from {how}, never from default.");

    /// <summary>Quotes a user value for an error message, with control characters made visible and length bounded.</summary>
    public static string Quote(string? value)
    {
        if (value is null)
        {
            return "(none)";
        }

        var sb = new StringBuilder("'");
        foreach (var c in value.Length > 60 ? value[..60] : value)
        {
            sb.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString(CultureInfo.InvariantCulture));
        }

        return sb.Append(value.Length > 60 ? "...'" : "'").ToString();
    }
}
