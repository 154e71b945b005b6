using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>A tool, the toolset (group) it belongs to, and whether the default profile offers it.</summary>
public sealed record ToolDefinition(string Group, McpServerTool Tool, bool InDefaultProfile = false)
{
    public string Name => Tool.ProtocolTool.Name;

    public bool IsReadOnly => Tool.ProtocolTool.Annotations?.ReadOnlyHint == true;
}
