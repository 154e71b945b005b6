using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Tools;

/// <summary>A tool and the group it belongs to.</summary>
public sealed record ToolDefinition(string Group, McpServerTool Tool)
{
    public string Name => Tool.ProtocolTool.Name;

    public bool IsReadOnly => Tool.ProtocolTool.Annotations?.ReadOnlyHint == true;
}
