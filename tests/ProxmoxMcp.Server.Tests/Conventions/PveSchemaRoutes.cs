using System.Text.Json;
using System.Text.RegularExpressions;
using ProxmoxMcp.TestSupport;

namespace ProxmoxMcp.Server.Tests.Conventions;

/// <summary>
/// The routes of the official PVE API schema. A declared route like <c>GET /nodes/{node}/{qemu|lxc}/{vmid}/snapshot?content=x</c>
/// exists when each of its alternatives (qemu, lxc) is a path of the schema with that method; the query part is ignored.
/// </summary>
public static partial class PveSchemaRoutes
{
    private static readonly Lazy<HashSet<string>> Routes = new(Load);

    public static bool Exists(string route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var parts = route.Split(' ', 2);
        if (parts.Length != 2)
        {
            return false;
        }

        var path = parts[1].Split('?')[0];
        return Expand(path).All(p => Routes.Value.Contains($"{parts[0]} {Normalize(p)}"));
    }

    private static IEnumerable<string> Expand(string path)
    {
        var match = Alternatives().Match(path);
        if (!match.Success)
        {
            return [path];
        }

        return match.Groups["options"].Value.Split('|')
            .SelectMany(option => Expand(path[..match.Index] + option + path[(match.Index + match.Length)..]));
    }

    /// <summary>Placeholders compare by position, not by name.</summary>
    private static string Normalize(string path) => Placeholder().Replace(path, "{}");

    private static HashSet<string> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("tests", "contract", "pve-api", "pve-api-schema.json")));
        return document.RootElement.GetProperty("endpoints").EnumerateArray()
            .Select(e => $"{e.GetProperty("method").GetString()} {Normalize(e.GetProperty("path").GetString()!)}")
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{(?<options>[a-z]+(\|[a-z]+)+)\}")]
    private static partial Regex Alternatives();

    [GeneratedRegex(@"\{[^}|]+\}")]
    private static partial Regex Placeholder();
}
