using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Why a tool name cannot be called: the configuration hides it (read-only mode, the tool selection), or no tool
/// has that name, with the nearest names this configuration offers.
/// </summary>
public static class UnknownTool
{
    public static string Explain(string name, IReadOnlyList<ToolDefinition> all, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(settings);
        if (all.FirstOrDefault(t => t.Name.Equals(name, StringComparison.Ordinal)) is { } hidden)
        {
            var reasons = HiddenBy(hidden, settings).ToList();
            return reasons.Count == 0
                ? $"Tool '{name}' exists but this session does not offer it (the server's configuration or the HTTP token's policy hides it)."
                : $"Tool '{name}' exists but this server's configuration hides it: {string.Join(" and ", reasons)}.";
        }

        var offered = ToolSelection.Apply(all, settings);
        var suggestions = offered
            .Select(t => (t.Name, Distance: Distance(name.ToLowerInvariant(), t.Name)))
            .Where(c => c.Distance <= Math.Max(2, name.Length / 4) || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(3)
            .Select(c => c.Name)
            .ToList();
        return suggestions.Count > 0
            ? $"Unknown tool '{name}'. Did you mean {string.Join(", ", suggestions.SkipLast(1))}{(suggestions.Count > 1 ? " or " : "")}{suggestions[^1]}?"
            : $"Unknown tool '{name}': this server offers {offered.Count} tools (tools/list, or `proxmox-mcp tools`).";
    }

    private static IEnumerable<string> HiddenBy(ToolDefinition tool, ServerSettings settings)
    {
        bool Named(IReadOnlyList<string> names) =>
            names.Contains(tool.Name, StringComparer.OrdinalIgnoreCase) || names.Contains(tool.Group, StringComparer.OrdinalIgnoreCase);

        if (settings.ReadOnly && !tool.IsReadOnly)
        {
            yield return $"read-only mode ({SettingNames.ReadOnly}, --read-only) offers only tools that change nothing";
        }

        if (!ToolSelection.Selects(tool, settings))
        {
            yield return settings.Tools.Count == 0
                ? $"it is not in the default profile (add it or its toolset '{tool.Group}' to {SettingNames.Tools} or --tools, or select all)"
                : $"the tool selection ({SettingNames.Tools}, --tools) does not include it or its toolset '{tool.Group}'";
        }

        if (settings.GuestExec == GuestExecMode.Off && tool.Name.Equals(ToolSelection.GuestExecToolName, StringComparison.Ordinal))
        {
            yield return $"commands inside guests are off ({SettingNames.GuestExec}=allow-list with {SettingNames.GuestExecAllow} enables them)";
        }

        if (settings.Clusters.Count < 2 && tool.Name.Equals(Clusters.ClusterArgument.ListToolName, StringComparison.Ordinal))
        {
            yield return "it is offered only when the server serves more than one cluster";
        }

        if (Named(settings.ExcludeTools))
        {
            yield return $"{SettingNames.ExcludeTools} (--exclude-tools) leaves it out";
        }
    }

    /// <summary>Levenshtein distance: how many single-character edits turn one name into the other.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
