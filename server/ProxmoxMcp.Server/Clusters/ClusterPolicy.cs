using ProxmoxMcp.Server.Configuration;
using ProxmoxMcp.Server.Tools;

namespace ProxmoxMcp.Server.Clusters;

/// <summary>
/// What a cluster's own policy (<see cref="ClusterSettings.ReadOnly"/>, <see cref="ClusterSettings.Tools"/>,
/// <see cref="ClusterSettings.ExcludeTools"/>) lets a tool do there, on top of what the server offers. Checked before
/// the tool runs, so a refused call sends nothing.
/// </summary>
public static class ClusterPolicy
{
    /// <summary>Why <paramref name="cluster"/> refuses <paramref name="toolName"/>, or null when it allows it.</summary>
    public static string? Refusal(ClusterSettings cluster, string toolName, bool readOnlyTool)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var refused = $"Refused by the policy of cluster '{cluster.Name}': ";
        if (cluster.ReadOnly && !readOnlyTool)
        {
            return refused + $"it is read-only and {toolName} changes something. Nothing was sent.";
        }

        var tool = ToolCatalog.All.FirstOrDefault(t => t.Name == toolName);
        if (tool is null)
        {
            return null;
        }

        if (cluster.Tools.Count > 0 && !ToolSelection.Matches(tool, cluster.Tools))
        {
            return refused + $"{toolName} is not among the tools it allows ({string.Join(", ", cluster.Tools)}). Nothing was sent.";
        }

        return cluster.ExcludeTools.Count > 0 && ToolSelection.Matches(tool, cluster.ExcludeTools, profiles: false)
            ? refused + $"it excludes {toolName}. Nothing was sent."
            : null;
    }
}
