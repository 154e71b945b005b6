using ProxmoxMcp.Proxmox;

namespace ProxmoxMcp.Server.Tools.Infrastructure;

/// <summary>Argument parsing every toolset shares, so every tool treats the same input the same way.</summary>
public static class ToolArguments
{
    /// <summary>A node argument that may be omitted: null, empty or blank all mean "not given".</summary>
    public static NodeName? OptionalNode(string? node, string argument = "node") =>
        string.IsNullOrWhiteSpace(node) ? null : NodeName.Parse(node.Trim(), argument);
}
