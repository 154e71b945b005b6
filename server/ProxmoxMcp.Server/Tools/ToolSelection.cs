using ProxmoxMcp.Server.Configuration;

namespace ProxmoxMcp.Server.Tools;

/// <summary>
/// Which tools a session offers: read-only mode drops every tool that changes something; an include list
/// (names or groups) keeps only those; an exclude list drops names or groups. Tools left out are not listed and
/// cannot be called.
/// </summary>
public static class ToolSelection
{
    /// <summary>The one tool that is offered only when enabled (PROXMOX_MCP_GUEST_EXEC).</summary>
    public const string GuestExecToolName = "run_guest_command";

    public static IReadOnlyList<ToolDefinition> Apply(IReadOnlyList<ToolDefinition> all, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(settings);
        bool Named(ToolDefinition t, IReadOnlyList<string> names) =>
            names.Contains(t.Name, StringComparer.OrdinalIgnoreCase) || names.Contains(t.Group, StringComparer.OrdinalIgnoreCase);

        return all
            .Where(t => !settings.ReadOnly || t.IsReadOnly)
            .Where(t => settings.GuestExec != GuestExecMode.Off || !t.Name.Equals(GuestExecToolName, StringComparison.Ordinal))
            .Where(t => settings.Tools.Count == 0 || Named(t, settings.Tools))
            .Where(t => !Named(t, settings.ExcludeTools))
            .ToList();
    }

    /// <summary>Names in the include or exclude lists that are neither a tool nor a group (likely typos).</summary>
    public static IReadOnlyList<string> UnknownNames(IReadOnlyList<ToolDefinition> all, ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Tools.Concat(settings.ExcludeTools)
            .Where(n => !ToolGroups.All.Contains(n, StringComparer.OrdinalIgnoreCase) && !all.Any(t => t.Name.Equals(n, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
