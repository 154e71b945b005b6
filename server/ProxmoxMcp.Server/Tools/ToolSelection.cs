using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Which tools a session offers. The include list takes tool names, toolset names and the profiles "default" and
/// "all"; when empty, the default profile is offered. The exclude list drops tools or toolsets; read-only mode drops
/// every tool that changes something. Tools left out are not listed and cannot be called. With more than one cluster
/// each tool takes <c>cluster</c> (<see cref="Clusters.ClusterArgument"/>) and list_clusters is offered.
/// </summary>
public static class ToolSelection
{
    /// <summary>The one tool that is offered only when enabled (PROXMOX_MCP_GUEST_EXEC).</summary>
    public const string GuestExecToolName = "run_guest_command";

    public static IReadOnlyList<ToolDefinition> Apply(IReadOnlyList<ToolDefinition> all, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(settings);
        var include = settings.Tools.Count == 0 ? [Toolsets.DefaultProfile] : settings.Tools;
        return all
            .Where(t => !settings.ReadOnly || t.IsReadOnly)
            .Where(t => settings.GuestExec != GuestExecMode.Off || !t.Name.Equals(GuestExecToolName, StringComparison.Ordinal))
            .Where(t => Included(t, include))
            .Where(t => !Named(t, settings.ExcludeTools))
            .Where(t => settings.Clusters.Count > 1 || !t.Name.Equals(Clusters.ClusterArgument.ListToolName, StringComparison.Ordinal))
            .Select(t => Clusters.ClusterArgument.Offer(t, settings))
            .ToList();
    }

    /// <summary>Names in the include or exclude lists that are neither a tool, a toolset nor a profile (likely typos).</summary>
    public static IReadOnlyList<string> UnknownNames(IReadOnlyList<ToolDefinition> all, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Tools.Concat(settings.ExcludeTools)
            .Where(n => !IsProfile(n) && !Toolsets.Names.Contains(n, StringComparer.OrdinalIgnoreCase) && !all.Any(t => t.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>What --tools accepts, for help texts and messages.</summary>
    public static string Vocabulary =>
        $"profiles {Toolsets.DefaultProfile} (when unset) and {Toolsets.AllProfile}; toolsets {string.Join(", ", Toolsets.Names)}; or tool names";

    /// <summary>Whether the include list (or the default profile, when it is empty) selects the tool.</summary>
    public static bool Selects(ToolDefinition tool, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(settings);
        return Included(tool, settings.Tools.Count == 0 ? [Toolsets.DefaultProfile] : settings.Tools);
    }

    /// <summary>Whether <paramref name="names"/> (tool, toolset and, unless <paramref name="profiles"/> is false, profile names) select the tool.</summary>
    public static bool Matches(ToolDefinition tool, IReadOnlyList<string> names, bool profiles = true)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentNullException.ThrowIfNull(names);
        return profiles ? Included(tool, names) : Named(tool, names);
    }

    private static bool Included(ToolDefinition tool, IReadOnlyList<string> include) =>
        include.Any(n => n.Equals(Toolsets.AllProfile, StringComparison.OrdinalIgnoreCase)
            || (n.Equals(Toolsets.DefaultProfile, StringComparison.OrdinalIgnoreCase) && tool.InDefaultProfile))
        || Named(tool, include);

    private static bool Named(ToolDefinition tool, IReadOnlyList<string> names) =>
        names.Contains(tool.Name, StringComparer.OrdinalIgnoreCase) || names.Contains(tool.Group, StringComparer.OrdinalIgnoreCase);

    private static bool IsProfile(string name) =>
        name.Equals(Toolsets.DefaultProfile, StringComparison.OrdinalIgnoreCase) || name.Equals(Toolsets.AllProfile, StringComparison.OrdinalIgnoreCase);
}
