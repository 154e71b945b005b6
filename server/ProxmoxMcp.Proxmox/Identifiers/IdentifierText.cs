using System.Globalization;
using System.Text;

namespace ProxmoxMcp.Proxmox;

internal static class IdentifierText
{
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
