using ModelContextProtocol.Server;

namespace ProxmoxMcp.Server.Prompts;

/// <summary>Ready-made prompts (docs/CLAUDE_PROMPTS.md has more).</summary>
public static class ProxmoxPrompts
{
    public static IEnumerable<McpServerPrompt> All { get; } = [];
}
